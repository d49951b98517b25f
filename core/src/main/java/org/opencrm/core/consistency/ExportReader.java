package org.opencrm.core.consistency;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.opencrm.core.customer.FieldStamps;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.intake.CsvCharsets;
import org.opencrm.core.intake.CsvRows;
import org.opencrm.core.intake.CsvSource;
import org.opencrm.core.intake.CsvText;
import org.opencrm.core.store.JsonText;

/**
 * Reads another system's export: CSV (UTF-8 or GBK, as lead imports are read: {@link CsvCharsets},
 * {@link CsvRows}) or a JSON array of objects. Columns: {@code externalId}, optionally {@code
 * goldenId}, {@code updatedAt} (ISO-8601 with offset, the row's source stamp) and any of the
 * compared customer fields ({@link FieldStamps#COMPARED}); others are ignored. A file that breaks a
 * rule is refused whole, naming the rule and the line.
 */
public final class ExportReader {

    public static final int MAX_ROWS = 500_000;
    static final String FIELD = "file";
    static final String EXTERNAL_ID = "externalId";
    static final String GOLDEN_ID = "goldenId";
    static final String UPDATED_AT = "updatedAt";
    static final String JSON = "application/json";

    private ExportReader() {}

    /**
     * What reading a whole export learnt.
     *
     * @param rows its data rows
     * @param charset the charset a CSV decodes in (the detected one, or GB18030 when an ASCII start
     *     was followed by bytes that are not UTF-8); null for JSON
     */
    public record Shape(long rows, String charset) {}

    /** An export's rows, pulled one at a time in file order; close when done. */
    public interface Rows extends AutoCloseable {

        /**
         * The next row; null at the end.
         *
         * @throws ValidationException when the file breaks a rule at this row
         */
        ExportRow next();

        /** The charset a CSV is read in; null for JSON. */
        default String charset() {
            return null;
        }

        @Override
        void close();
    }

    /**
     * Reads the whole export once, checking every rule, without keeping its rows: a file refused at
     * its last row is refused before anything of it is used.
     *
     * @throws ValidationException naming the rule (and the line) the file breaks
     */
    public static Shape check(CsvSource source, String contentType) {
        if (JSON.equals(contentType)) {
            return counted(source, contentType, null);
        }
        return CsvText.inDetectedCharset(
                charset -> counted(source, contentType, charset == null ? null : charset.name()));
    }

    /**
     * Opens the export for reading its rows in file order, a CSV in the charset {@link #check}
     * found; the rules are checked again as rows are read.
     */
    public static Rows open(CsvSource source, String contentType, String charset) {
        InputStream bytes;
        try {
            bytes = source.open();
        } catch (IOException storage) {
            // the storage failed, not the file: the caller retries
            throw new UncheckedIOException(storage);
        }
        try {
            return JSON.equals(contentType)
                    ? new JsonRows(bytes)
                    : csvRows(bytes, charset == null ? null : Charset.forName(charset));
        } catch (RuntimeException refused) {
            closeQuietly(bytes);
            throw refused;
        }
    }

    /** Every row of a small export in memory, checked: for tests and examples, not for diffs. */
    public static List<ExportRow> read(byte[] bytes, String contentType) {
        CsvSource source = () -> new ByteArrayInputStream(bytes);
        Shape shape = check(source, contentType);
        List<ExportRow> rows = new ArrayList<>();
        try (Rows reading = open(source, contentType, shape.charset())) {
            for (ExportRow row = reading.next(); row != null; row = reading.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** Reads every row once: how many, in what charset. */
    private static Shape counted(CsvSource source, String contentType, String charset) {
        long rows = 0;
        String readIn;
        try (Rows reading = open(source, contentType, charset)) {
            for (ExportRow row = reading.next(); row != null; row = reading.next()) {
                rows++;
            }
            readIn = reading.charset();
        }
        if (rows == 0) {
            throw JSON.equals(contentType)
                    ? refused("jsonArray", "must be a JSON array of objects, one per record")
                    : new ValidationException(
                            FieldProblem.of(FIELD, "rows", "has no data rows after the header"));
        }
        if (rows > MAX_ROWS) {
            String what = JSON.equals(contentType) ? " records, got " : " data rows, got ";
            throw new ValidationException(
                    new FieldProblem(
                            FIELD, "maxRows", "at most " + MAX_ROWS + what + rows, MAX_ROWS));
        }
        return new Shape(rows, readIn);
    }

    private static Rows csvRows(InputStream raw, Charset charset) {
        CsvText.Opened opened;
        try {
            opened = CsvText.open(raw, charset, FIELD);
        } catch (IOException storage) {
            throw new UncheckedIOException(storage);
        }
        Reader text = opened.text();
        CsvRows.Records records = CsvRows.records(text, FIELD);
        return new Rows() {
            private long line;

            @Override
            public ExportRow next() {
                ObjectNode record;
                try {
                    record = records.next();
                } catch (ValidationException refused) {
                    throw CsvText.refusal(refused, opened.utf8WasAGuess());
                }
                if (record == null) {
                    return null;
                }
                line++;
                if (line == 1) {
                    requireExternalIdColumn(record);
                }
                // past the limit only counted (check names the real count), never built
                return line > MAX_ROWS
                        ? new ExportRow(line, null, null, Map.of(), null)
                        : row(line, record, ExportReader::csvText);
            }

            @Override
            public String charset() {
                return opened.charset().name();
            }

            @Override
            public void close() {
                records.close();
                closeQuietly(raw);
            }
        };
    }

    /** A JSON array of objects, streamed with Jackson's parser: one object in memory at a time. */
    private static final class JsonRows implements Rows {

        private final InputStream bytes;
        private final JsonParser parser;
        private long line;

        JsonRows(InputStream bytes) {
            this.bytes = bytes;
            try {
                this.parser = JsonText.MAPPER.createParser(bytes);
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    throw refused("jsonArray", "must be a JSON array of objects, one per record");
                }
            } catch (IOException malformed) {
                throw notJson(malformed);
            }
        }

        @Override
        public ExportRow next() {
            try {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY) {
                    return null;
                }
                if (token == null) {
                    throw refused("json", "is not valid JSON: the array is not closed");
                }
                line++;
                if (token != JsonToken.START_OBJECT) {
                    throw refused("jsonArray", "record " + line + " is not a JSON object");
                }
                ObjectNode record = JsonText.MAPPER.readTree(parser);
                if (line == 1) {
                    requireExternalIdColumn(record);
                }
                return line > MAX_ROWS
                        ? new ExportRow(line, null, null, Map.of(), null)
                        : row(line, record, ExportReader::jsonText);
            } catch (IOException malformed) {
                throw notJson(malformed);
            }
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException ignored) {
                // closing a read stream: nothing of the file is lost
            }
            closeQuietly(bytes);
        }
    }

    private static ValidationException notJson(IOException malformed) {
        return refused("json", "is not valid JSON: " + firstLine(malformed.getMessage()));
    }

    private static void closeQuietly(InputStream bytes) {
        try {
            bytes.close();
        } catch (IOException ignored) {
            // closing a read stream: nothing of the file is lost
        }
    }

    private static void requireExternalIdColumn(ObjectNode record) {
        if (!record.has(EXTERNAL_ID)) {
            throw refused(
                    "externalIdColumn",
                    "must have an externalId column (the record's id in the other system)");
        }
    }

    private static ExportRow row(long line, ObjectNode record, Function<JsonNode, String> textOf) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : FieldStamps.COMPARED) {
            if (record.has(field)) {
                values.put(field, textOf.apply(record.get(field)));
            }
        }
        return new ExportRow(
                line,
                textOf.apply(record.get(EXTERNAL_ID)),
                textOf.apply(record.get(GOLDEN_ID)),
                values,
                updatedAt(line, textOf.apply(record.get(UPDATED_AT))));
    }

    private static Instant updatedAt(long line, String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notIso) {
            throw new ValidationException(
                    new FieldProblem(
                            UPDATED_AT,
                            "isoDateTime",
                            "line "
                                    + line
                                    + ": must be an ISO-8601 time with offset, like"
                                    + " 2026-03-01T09:30:00+08:00, got "
                                    + text,
                            "ISO-8601"));
        }
    }

    private static String csvText(JsonNode node) {
        return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }

    private static String jsonText(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        return node.asText().isBlank() ? null : node.asText();
    }

    private static ValidationException refused(String rule, String message) {
        return new ValidationException(FieldProblem.of(FIELD, rule, message));
    }

    private static String firstLine(String message) {
        return String.valueOf(message).lines().findFirst().orElse("");
    }
}
