package org.opencrm.core.intake;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        List<String[]> lines = lines(csv);
        if (lines.isEmpty()) {
            throw new ValidationException(
                    FieldProblem.of(
                            "csv", "header", "must start with a header line naming the columns"));
        }
        String[] header = header(lines.get(0));
        List<ObjectNode> rows = new ArrayList<>();
        for (String[] line : lines.subList(1, lines.size())) {
            if (isBlank(line)) {
                continue;
            }
            ObjectNode row = record(header, line);
            int bytes = row.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > IntakeService.MAX_RECORD_BYTES) {
                throw new ValidationException(
                        new FieldProblem(
                                "csv",
                                "maxRowBytes",
                                "data row "
                                        + (rows.size() + 1)
                                        + " is "
                                        + bytes
                                        + " bytes as a record; at most "
                                        + IntakeService.MAX_RECORD_BYTES,
                                IntakeService.MAX_RECORD_BYTES));
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new ValidationException(
                    FieldProblem.of("csv", "rows", "has no data rows after the header"));
        }
        if (rows.size() > maxRows) {
            throw new ValidationException(
                    new FieldProblem(
                            "csv",
                            "maxRows",
                            "at most " + maxRows + " data rows, got " + rows.size(),
                            maxRows));
        }
        return rows;
    }

    private static List<String[]> lines(String csv) {
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        try (MappingIterator<String[]> reader = CSV.readerFor(String[].class).readValues(text)) {
            return reader.readAll();
        } catch (IOException | RuntimeException malformed) {
            throw new ValidationException(
                    new FieldProblem(
                            "csv",
                            "csv",
                            "is not valid CSV (RFC 4180): "
                                    + malformed.getMessage().lines().findFirst().orElse(""),
                            null));
        }
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
