package org.opencrm.core.consistency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
import org.opencrm.core.intake.CsvRefusal;
import org.opencrm.core.intake.CsvRows;
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

    private ExportReader() {}

    public static List<ExportRow> read(byte[] bytes, String contentType) {
        return "application/json".equals(contentType) ? json(bytes) : csv(bytes);
    }

    static List<ExportRow> csv(byte[] bytes) {
        CsvCharsets.Detection detection = CsvCharsets.detect(bytes, true);
        if (!detection.accepted()) {
            throw new ValidationException(detection.problem(FIELD));
        }
        try {
            return csv(bytes, detection.bomBytes(), detection.charset());
        } catch (ValidationException undecodable) {
            // an ASCII start read as UTF-8 met a byte that is not: the file is GBK after all
            boolean retry =
                    detection.onlyAscii()
                            && undecodable.problems().stream()
                                    .anyMatch(
                                            problem ->
                                                    CsvRefusal.UNKNOWN_CHARSET
                                                            .rule()
                                                            .equals(problem.rule()));
            if (!retry) {
                throw undecodable;
            }
            return csv(bytes, 0, CsvCharsets.GB18030);
        }
    }

    private static List<ExportRow> csv(byte[] bytes, int bomBytes, Charset charset) {
        List<ExportRow> rows = new ArrayList<>();
        Reader text =
                new InputStreamReader(
                        new ByteArrayInputStream(bytes, bomBytes, bytes.length - bomBytes),
                        CsvCharsets.strictDecoder(charset));
        boolean[] checkedHeader = {false};
        CsvRows.read(
                text,
                FIELD,
                MAX_ROWS,
                record -> {
                    if (!checkedHeader[0]) {
                        requireExternalIdColumn(record);
                        checkedHeader[0] = true;
                    }
                    rows.add(row(rows.size() + 1L, record, ExportReader::csvText));
                });
        return rows;
    }

    static List<ExportRow> json(byte[] bytes) {
        JsonNode document;
        try {
            document = JsonText.MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException malformed) {
            throw refused("json", "is not valid JSON: " + firstLine(malformed.getMessage()));
        }
        if (document == null || !document.isArray() || document.isEmpty()) {
            throw refused("jsonArray", "must be a JSON array of objects, one per record");
        }
        if (document.size() > MAX_ROWS) {
            throw new ValidationException(
                    new FieldProblem(
                            FIELD,
                            "maxRows",
                            "at most " + MAX_ROWS + " records, got " + document.size(),
                            MAX_ROWS));
        }
        List<ExportRow> rows = new ArrayList<>();
        for (JsonNode record : document) {
            if (!record.isObject()) {
                throw refused("jsonArray", "record " + (rows.size() + 1) + " is not a JSON object");
            }
            rows.add(row(rows.size() + 1L, (ObjectNode) record, ExportReader::jsonText));
        }
        requireExternalIdColumn((ObjectNode) document.get(0));
        return rows;
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
