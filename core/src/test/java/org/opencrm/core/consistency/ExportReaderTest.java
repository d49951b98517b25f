package org.opencrm.core.consistency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.intake.CsvCharsets;
import org.opencrm.core.intake.CsvSource;

class ExportReaderTest {

    @Test
    void aGbkCsv_isReadAsGbk_withItsStampsAndBlankCellsAsNoValue() {
        byte[] gbk =
                "externalId,name,email,updatedAt\nE-1,张三,,2026-03-01T09:30:00+08:00\n"
                        .getBytes(Charset.forName("GBK"));

        List<ExportRow> rows = ExportReader.read(gbk, "text/csv");

        assertEquals("张三", rows.get(0).values().get("name"));
        assertNull(rows.get(0).values().get("email"));
        assertEquals(Instant.parse("2026-03-01T01:30:00Z"), rows.get(0).updatedAt());
    }

    @Test
    void aCsvWhoseFirst64KbAreAscii_andALaterRowGbk_isCheckedAndReadAsGb18030() {
        // GIVEN an export whose first rows (past the 64 KB the charset is decided on) are ASCII,
        // and whose last row holds a GBK name
        StringBuilder csv = new StringBuilder("externalId,name\n");
        int asciiRows = 0;
        while (csv.length() <= CsvCharsets.PREFIX_BYTES) {
            csv.append("E-").append(++asciiRows).append(",Zhang San\n");
        }
        csv.append("E-GBK,张三\n");
        byte[] gbk = csv.toString().getBytes(Charset.forName("GBK"));
        CsvSource source = () -> new ByteArrayInputStream(gbk);

        // WHEN checked, then read in the charset the check found
        ExportReader.Shape shape = ExportReader.check(source, "text/csv");
        List<ExportRow> rows = ExportReader.read(gbk, "text/csv");

        // THEN the UTF-8 guess was given up for GB18030, every row counted, the name decoded
        assertEquals("GB18030", shape.charset());
        assertEquals(asciiRows + 1L, shape.rows());
        assertEquals("张三", rows.get(asciiRows).values().get("name"));
    }

    @Test
    void aJsonArray_isReadLikeTheCsv() {
        byte[] json =
                "[{\"externalId\":\"E-1\",\"name\":\"李四\",\"phone\":\"13912345678\"}]"
                        .getBytes(StandardCharsets.UTF_8);

        ExportRow row = ExportReader.read(json, "application/json").get(0);

        assertEquals("E-1", row.externalId());
        assertEquals("13912345678", row.values().get("phone"));
        assertNull(row.updatedAt());
    }

    @Test
    void aFileWithoutAnExternalIdColumn_orABadStamp_isRefusedNamingTheRule() {
        ValidationException noId =
                assertThrows(
                        ValidationException.class,
                        () ->
                                ExportReader.read(
                                        "name,phone\nA,13912345678\n"
                                                .getBytes(StandardCharsets.UTF_8),
                                        "text/csv"));
        ValidationException badStamp =
                assertThrows(
                        ValidationException.class,
                        () ->
                                ExportReader.read(
                                        "externalId,updatedAt\nE-1,yesterday\n"
                                                .getBytes(StandardCharsets.UTF_8),
                                        "text/csv"));

        assertEquals("externalIdColumn", noId.problems().get(0).rule());
        assertEquals("isoDateTime", badStamp.problems().get(0).rule());
    }
}
