package org.opencrm.core.intake;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.store.JsonText;

/**
 * An uploaded CSV as intake records: the header line names the raw fields (the channel's alias map
 * then applies), each data line becomes one JSON object. Pure. Cells beyond the header are kept
 * under {@code _column<N>} rather than dropped; lines with nothing in them are not records and are
 * skipped; a spreadsheet's byte-order mark is ignored.
 */
public final class CsvRows {

    private static final CsvMapper CSV =
            CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private CsvRows() {}

    public static List<ObjectNode> parse(String csv, int maxRows) {
        List<ObjectNode> rows = new ArrayList<>();
        read(new StringReader(csv), "csv", maxRows, rows::add);
        return rows;
    }

    /**
     * Reads CSV text line by line and hands each data row to {@code sink} as it is read, so a file
     * of any size is never held whole: the header, the blank-line and row-size rules are those of
     * {@link #parse}. Every line is read even past {@code maxRows}, to name the real count.
     *
     * @param field the input field that problems name
     * @return the number of data rows
     * @throws ValidationException for a missing header, no data rows, too many rows, a row too
     *     large or text that is not CSV, naming {@code field}
     */
    public static long read(Reader text, String field, int maxRows, Consumer<ObjectNode> sink) {
        try (Records records = records(text, field)) {
            return readLines(records, field, maxRows, sink);
        } catch (RuntimeException malformed) {
            throw refusal(field, malformed);
        }
    }

    /**
     * Opens CSV text for reading one data row at a time, on the caller's pace: the header, the
     * blank-line and row-size rules are those of {@link #read}, and a problem of the text is a
     * ValidationException naming {@code field}; what the caller does between rows is its own (a
     * failure there is not taken for a CSV problem). For work that must stop part-way and go on
     * later from a row number (a consistency diff's chunks).
     *
     * @throws ValidationException for a missing header or text that is not CSV
     */
    public static Records records(Reader text, String field) {
        try {
            MappingIterator<String[]> lines = CSV.readerFor(String[].class).readValues(text);
            if (!lines.hasNextValue()) {
                throw new ValidationException(
                        FieldProblem.of(
                                field,
                                "header",
                                "must start with a header line naming the columns"));
            }
            return new Records(lines, header(withoutBom(lines.nextValue())), field);
        } catch (IOException | RuntimeException malformed) {
            throw refusal(field, malformed);
        }
    }

    /** The data rows of CSV text, pulled one at a time ({@link #records}); close when done. */
    public static final class Records implements AutoCloseable {

        private final MappingIterator<String[]> lines;
        private final String[] header;
        private final String field;
        private long rows;

        private Records(MappingIterator<String[]> lines, String[] header, String field) {
            this.lines = lines;
            this.header = header;
            this.field = field;
        }

        /**
         * The next data row, blank lines skipped; null at the end.
         *
         * @throws ValidationException for a row too large or text that is not CSV
         */
        public ObjectNode next() {
            try {
                while (lines.hasNextValue()) {
                    String[] line = lines.nextValue();
                    if (isBlank(line)) {
                        continue;
                    }
                    rows++;
                    ObjectNode row = record(header, line);
                    requireSize(row, rows, field);
                    return row;
                }
                return null;
            } catch (IOException | RuntimeException malformed) {
                throw refusal(field, malformed);
            }
        }

        @Override
        public void close() {
            try {
                lines.close();
            } catch (IOException closing) {
                throw new java.io.UncheckedIOException(closing);
            }
        }
    }

    /** A failure while reading as the file's problem (a ValidationException passes as it is). */
    private static ValidationException refusal(String field, Exception malformed) {
        if (malformed instanceof ValidationException refused) {
            return refused;
        }
        if (undecodable(malformed)) {
            return new ValidationException(
                    new FieldProblem(
                            field,
                            CsvRefusal.UNKNOWN_CHARSET.rule(),
                            "has bytes that are not valid in the charset its start was read"
                                    + " in; save the whole file as UTF-8 or GBK",
                            null));
        }
        return new ValidationException(
                new FieldProblem(
                        field,
                        "csv",
                        "is not valid CSV (RFC 4180): "
                                + String.valueOf(malformed.getMessage())
                                        .lines()
                                        .findFirst()
                                        .orElse(""),
                        null));
    }

    /** The CSV parser wraps a strict decoder's error: looks for it among the causes. */
    private static boolean undecodable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    private static long readLines(
            Records records, String field, int maxRows, Consumer<ObjectNode> sink) {
        long rows = 0;
        for (ObjectNode row = records.next(); row != null; row = records.next()) {
            rows++;
            if (rows <= maxRows) {
                sink.accept(row);
            }
        }
        if (rows == 0) {
            throw new ValidationException(
                    FieldProblem.of(field, "rows", "has no data rows after the header"));
        }
        if (rows > maxRows) {
            throw new ValidationException(
                    new FieldProblem(
                            field,
                            "maxRows",
                            "at most " + maxRows + " data rows, got " + rows,
                            maxRows));
        }
        return rows;
    }

    private static void requireSize(ObjectNode row, long number, String field) {
        int bytes = row.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > IntakeService.MAX_RECORD_BYTES) {
            throw new ValidationException(
                    new FieldProblem(
                            field,
                            "maxRowBytes",
                            "data row "
                                    + number
                                    + " is "
                                    + bytes
                                    + " bytes as a record; at most "
                                    + IntakeService.MAX_RECORD_BYTES,
                            IntakeService.MAX_RECORD_BYTES));
        }
    }

    /** A spreadsheet's byte-order mark, when the text was decoded with it. */
    private static String[] withoutBom(String[] names) {
        if (names.length > 0 && names[0] != null && names[0].startsWith("\uFEFF")) {
            names[0] = names[0].substring(1);
        }
        return names;
    }

    private static String[] header(String[] names) {
        String[] header = new String[names.length];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.length; i++) {
            String name =
                    names[i] == null || names[i].isBlank() ? "_column" + (i + 1) : names[i].strip();
            header[i] = seen.add(name) ? name : name + "_" + (i + 1);
        }
        return header;
    }

    private static ObjectNode record(String[] header, String[] line) {
        ObjectNode record = JsonText.MAPPER.createObjectNode();
        for (int i = 0; i < line.length; i++) {
            String name = i < header.length ? header[i] : "_column" + (i + 1);
            record.put(name, line[i]);
        }
        return record;
    }

    private static boolean isBlank(String[] line) {
        for (String cell : line) {
            if (cell != null && !cell.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
