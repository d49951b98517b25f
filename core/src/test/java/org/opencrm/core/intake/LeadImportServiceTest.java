package org.opencrm.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;

class LeadImportServiceTest {

    private final CoreServices services = LocalDynamo.shared().services(Clock.systemUTC());
    private final Caller admin = TestCallers.of(Role.ADMIN, null, null);

    @Test
    void import_countsEveryRowOnce_quarantinesTheBadOnes_andReportsThemInRowOrder() {
        // GIVEN a file with good rows, a repeated phone, a masked phone, a bad email and an unknown
        // column
        String first = TestCallers.uniqueMobile();
        String second = TestCallers.uniqueMobile();
        String csv =
                String.join(
                        "\n",
                        "\uFEFF姓名,mobile,城市,utm_source",
                        "张伟," + first + ",shenzhen,ad-1",
                        "李娜," + second + ",guangzhou,ad-2",
                        ",,,",
                        "张伟 again," + first + ",,ad-3",
                        "王芳,138****1234,shenzhen,ad-4",
                        "\"Zhao, Lei\",12,beijing,ad-5");

        // WHEN it is started and its one chunk is processed, twice (a redelivered stream record)
        LeadImport started = services.imports().start("csv", csv, admin);
        services.imports().processChunk(LeadImportService.chunkId(started.id(), 0));
        services.imports().processChunk(LeadImportService.chunkId(started.id(), 0));

        // THEN the tally counts each of the 5 data rows once
        LeadImport done = services.imports().get(started.id(), admin);
        assertEquals(5, done.total());
        assertEquals(LeadImport.ImportStatus.DONE, done.status());
        assertEquals(5, done.processed());
        assertEquals(2, done.accepted());
        assertEquals(1, done.merged());
        assertEquals(2, done.quarantined());
        // AND the report lists the two bad rows by row number, with rule and the raw record
        Page<String> report =
                services.imports().errorReport(started.id(), PageRequest.of(10, null), admin);
        assertEquals(2, report.entries().size());
        assertTrue(
                report.entries().get(0).item().startsWith("4,phone,masked,"),
                report.entries().get(0).item());
        assertTrue(
                report.entries().get(1).item().startsWith("5,phone,phone,"),
                report.entries().get(1).item());
        assertTrue(
                report.entries().get(1).item().contains("Zhao, Lei"),
                report.entries().get(1).item());
        assertTrue(
                LeadImportService.reportDocument(report)
                        .startsWith("row,fields,rules,reasons,record\n"));
    }

    @Test
    void import_keepsUnknownColumnsInExtra_andMapsHeadersThroughTheAliasMap() {
        String mobile = TestCallers.uniqueMobile();
        LeadImport started =
                services.imports()
                        .start("csv", "tel,预算,campaign\n" + mobile + ",50万,spring", admin);

        services.imports().processChunk(LeadImportService.chunkId(started.id(), 0));

        Lead lead =
                services
                        .leads()
                        .list(
                                new org.opencrm.core.lead.LeadFilter(
                                        null, null, "csv", null, null, started.createdAt(), null),
                                PageRequest.of(100, null),
                                admin)
                        .entries()
                        .stream()
                        .map(Page.Entry::item)
                        .filter(l -> ("+86" + mobile).equals(l.fields().phone()))
                        .findFirst()
                        .orElseThrow();
        assertEquals("spring", lead.extra().get("campaign"));
        assertEquals(0, new java.math.BigDecimal("500000").compareTo(lead.fields().budget()));
    }

    @Test
    void start_refusesAFileWithoutDataRows_andAnUnknownChannel() {
        ValidationException empty =
                assertThrows(
                        ValidationException.class,
                        () -> services.imports().start("csv", "name,phone\n", admin));
        ValidationException channel =
                assertThrows(
                        ValidationException.class,
                        () -> services.imports().start("fax", "name,phone\nA,13800000000", admin));

        assertEquals(
                List.of("csv", "rows"),
                List.of(empty.problems().get(0).field(), empty.problems().get(0).rule()));
        assertEquals("channel", channel.problems().get(0).field());
    }

    @Test
    void parse_refusesMoreRowsThanTheLimit_namingIt() {
        ValidationException refused =
                assertThrows(ValidationException.class, () -> CsvRows.parse("phone\n1\n2\n3", 2));

        assertEquals("maxRows", refused.problems().get(0).rule());
        assertEquals(2, refused.problems().get(0).limit());
    }
}
