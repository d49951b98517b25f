package org.opencrm.infra.streams;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.infra.Json;

/**
 * The local stand-in for a stream mapping's {@code OnFailure} destination: one JSON line per batch
 * given up on, appended to {@code dead-letters.jsonl}.
 */
public final class DeadLetterSink {

    /**
     * One batch a stream function gave up on.
     *
     * @param function logical id of the stream function
     * @param event the function's event (key under Events) this mapping comes from
     * @param destination the template's {@code OnFailure} destination this line stands in for
     * @param recordedAt ISO-8601 instant the batch was given up on
     * @param records the records of the batch, as the function received them
     */
    public record DeadLetter(
            String function,
            String event,
            String destination,
            String table,
            String shardId,
            String firstSequenceNumber,
            String lastSequenceNumber,
            int batchSize,
            String reason,
            String recordedAt,
            Object records) {

        /** A new dead letter, every component named. */
        public static Builder builder() {
            return new Builder();
        }

        /** A builder holding this record's values, to change some of them by name. */
        public Builder toBuilder() {
            return new Builder()
                    .function(function)
                    .event(event)
                    .destination(destination)
                    .table(table)
                    .shardId(shardId)
                    .firstSequenceNumber(firstSequenceNumber)
                    .lastSequenceNumber(lastSequenceNumber)
                    .batchSize(batchSize)
                    .reason(reason)
                    .recordedAt(recordedAt)
                    .records(records);
        }

        /**
         * Names every component; {@link #build()} is the one caller of the canonical constructor.
         */
        public static final class Builder {
            private String function;
            private String event;
            private String destination;
            private String table;
            private String shardId;
            private String firstSequenceNumber;
            private String lastSequenceNumber;
            private int batchSize;
            private String reason;
            private String recordedAt;
            private Object records;

            private Builder() {}

            public Builder function(String value) {
                this.function = value;
                return this;
            }

            public Builder event(String value) {
                this.event = value;
                return this;
            }

            public Builder destination(String value) {
                this.destination = value;
                return this;
            }

            public Builder table(String value) {
                this.table = value;
                return this;
            }

            public Builder shardId(String value) {
                this.shardId = value;
                return this;
            }

            public Builder firstSequenceNumber(String value) {
                this.firstSequenceNumber = value;
                return this;
            }

            public Builder lastSequenceNumber(String value) {
                this.lastSequenceNumber = value;
                return this;
            }

            public Builder batchSize(int value) {
                this.batchSize = value;
                return this;
            }

            public Builder reason(String value) {
                this.reason = value;
                return this;
            }

            public Builder recordedAt(String value) {
                this.recordedAt = value;
                return this;
            }

            public Builder records(Object value) {
                this.records = value;
                return this;
            }

            public DeadLetter build() {
                return new DeadLetter(
                        function,
                        event,
                        destination,
                        table,
                        shardId,
                        firstSequenceNumber,
                        lastSequenceNumber,
                        batchSize,
                        reason,
                        recordedAt,
                        records);
            }
        }
    }

    private final Path file;

    public DeadLetterSink(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized void append(DeadLetter letter) {
        try {
            String line = Json.MAPPER.writeValueAsString(letter) + "\n";
            Files.writeString(
                    file,
                    line,
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException unwritable) {
            throw new UncheckedIOException(
                    "cannot append to " + file + ": " + unwritable.getMessage(), unwritable);
        }
    }

    public synchronized List<JsonNode> readAll() throws IOException {
        List<JsonNode> letters = new ArrayList<>();
        if (!Files.exists(file)) {
            return letters;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                letters.add(Json.MAPPER.readTree(line));
            }
        }
        return letters;
    }
}
