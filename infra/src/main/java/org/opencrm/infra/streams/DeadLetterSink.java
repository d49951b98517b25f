package org.opencrm.infra.streams;

import com.fasterxml.jackson.databind.JsonNode;
import io.soabase.recordbuilder.core.RecordBuilder;
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
     * @param condition Lambda's name for why: {@code RetryAttemptsExhausted} or {@code
     *     RecordAgeExceeded}
     * @param firstArrival ISO-8601 creation time of the first record
     * @param lastArrival ISO-8601 creation time of the last record
     * @param recordedAt ISO-8601 instant the batch was given up on
     * @param records the records of the batch, as the function received them
     */
    @RecordBuilder
    public record DeadLetter(
            String function,
            String event,
            String destination,
            String table,
            String streamArn,
            String shardId,
            String firstSequenceNumber,
            String lastSequenceNumber,
            int batchSize,
            String reason,
            String condition,
            String firstArrival,
            String lastArrival,
            String recordedAt,
            Object records) {

        /** A new dead letter, every component named. */
        public static DeadLetterSinkDeadLetterBuilder builder() {
            return DeadLetterSinkDeadLetterBuilder.builder();
        }

        /** A builder holding this record's values, to change some of them by name. */
        public DeadLetterSinkDeadLetterBuilder toBuilder() {
            return DeadLetterSinkDeadLetterBuilder.builder(this);
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
