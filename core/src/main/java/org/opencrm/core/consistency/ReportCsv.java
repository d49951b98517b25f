package org.opencrm.core.consistency;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A consistency report as a CSV file for people: one line per record, a MISMATCH one line per
 * differing field. UTF-8 with a byte-order mark, so Excel on a Chinese Windows reads it as UTF-8;
 * cells a spreadsheet would run as a formula are quoted with a leading apostrophe.
 */
public final class ReportCsv {

    static final List<String> COLUMNS =
            List.of(
                    "number",
                    "kind",
                    "line",
                    "externalId",
                    "customerId",
                    "matchedBy",
                    "field",
                    "here",
                    "there",
                    "hereSystem",
                    "hereChangedAt",
                    "thereChangedAt",
                    "changedLast",
                    "otherCustomerIds",
                    "suggestions");

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final CsvMapper CSV = new CsvMapper();
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private ReportCsv() {}

    /**
     * Writes a report's lines to {@code out} as they come, so a report of any size is never held
     * whole: the byte-order mark and header first; closing closes {@code out}.
     */
    public static Lines to(OutputStream out) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        try {
            out.write(UTF8_BOM);
            return new Lines(CSV.writer(schema.build()).writeValues(out));
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    /** A report's CSV being written, row by row in report order. */
    public static final class Lines implements AutoCloseable {

        private final SequenceWriter lines;

        private Lines(SequenceWriter lines) {
            this.lines = lines;
        }

        public void write(ReportRow row) {
            try {
                if (row.differences().isEmpty()) {
                    lines.write(line(row, null));
                }
                for (FieldDifference difference : row.differences()) {
                    lines.write(line(row, difference));
                }
            } catch (IOException unwritable) {
                throw new UncheckedIOException(unwritable);
            }
        }

        @Override
        public void close() {
            try {
                lines.close();
            } catch (IOException unwritable) {
                throw new UncheckedIOException(unwritable);
            }
        }
    }

    private static List<String> line(ReportRow row, FieldDifference difference) {
        List<String> cells = new ArrayList<>();
        cells.add(Long.toString(row.number()));
        cells.add(row.kind().name());
        cells.add(row.line() == 0 ? "" : Long.toString(row.line()));
        cells.add(row.externalId());
        cells.add(row.customerId());
        cells.add(row.matchedBy());
        cells.add(difference == null ? null : difference.field());
        cells.add(difference == null ? null : difference.here());
        cells.add(difference == null ? null : difference.there());
        cells.add(difference == null ? null : difference.hereSystem());
        cells.add(difference == null ? null : text(difference.hereChangedAt()));
        cells.add(difference == null ? null : text(difference.thereChangedAt()));
        cells.add(difference == null ? null : difference.changedLast().name());
        cells.add(String.join(" ", row.otherCustomerIds()));
        cells.add(String.join("; ", row.suggestions()));
        return cells.stream().map(ReportCsv::safe).toList();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String safe(String cell) {
        String text = Objects.requireNonNullElse(cell, "");
        return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
