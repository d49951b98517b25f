package org.opencrm.core.consistency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.audit.AuditEntry;
import org.opencrm.core.audit.AuditOperation;
import org.opencrm.core.audit.AuditRules;
import org.opencrm.core.audit.FieldChange;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerBulkLoader;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.customer.SourceStamp;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestExports;

/**
 * The done-when of issue 17 at CI size (-Dconsistency.rows=N customers, 2,000 by default; the
 * 50,000-row run is infra's ConsistencyBench): an ERP export with planted differences yields
 * exactly the planted counts, and LATEST_WINS changes only the planted fields, each with an audit
 * record and the ERP's source stamp. An engine of its own: MISSING_THERE counts every ERP id.
 */
class ConsistencyDiffTest {

    private static final int ROWS = Integer.getInteger("consistency.rows", 2_000);

    private final LocalDynamo dynamo = LocalDynamo.fresh();
    private final Clock clock = Clock.systemUTC();
    private final CoreServices services = dynamo.services(clock);
    private final ConsistencyStore store = new ConsistencyStore(dynamo.client(), dynamo.tables());
    private final Map<String, byte[]> csvFiles = new HashMap<>();
    private final TestExports exports = new TestExports();
    private final ConsistencyDiff diff =
            new ConsistencyDiff(
                    store,
                    new CustomerStore(dynamo.enhanced(), dynamo.tables()),
                    exports,
                    (reportId, file) -> csvFiles.put(reportId, readAll(file)),
                    clock);
    private final ConsistencyService consistency =
            new ConsistencyService(
                    store,
                    services.customers(),
                    services.users(),
                    new ConsistencyFiles(
                            () -> {
                                throw new IllegalStateException("no bucket in core tests");
                            }),
                    clock,
                    // unbounded: one apply walks every row inline (the budget is
                    // ConsistencyApplyTest's)
                    () -> () -> true);
    private final Caller admin = TestCallers.of(Role.ADMIN, "east", "team-x");

    @Test
    void
            aPlantedErpExport_yieldsExactlyThePlantedCounts_andLatestWinsChangesOnlyThePlantedFields() {
        // GIVEN customers with ERP ids, changed here a month ago, and their export
        Instant seededAt = clock.instant().minus(Duration.ofDays(30));
        PlantedExport planted = PlantedExport.of(ROWS, "ERP", admin.userId(), "team-x", seededAt);
        new CustomerBulkLoader(dynamo.client(), dynamo.tables())
                .load(
                        planted.customers(),
                        new WriteStamp(admin.userId(), "seed", "127.0.0.1", seededAt));
        String id = UUID.randomUUID().toString();

        // WHEN the export is diffed
        ConsistencyReport report =
                diff.run(
                        new ConsistencyDiff.Export(
                                id, "ERP", admin.userId(), "text/csv", exports.add(planted.csv())));

        // THEN exactly the planted counts, every row processed, and the CSV written
        assertEquals(ConsistencyReport.Status.DONE, report.status(), String.valueOf(report));
        assertEquals(planted.expected(), report.counts());
        assertEquals(planted.rows(), report.total());
        assertEquals(planted.rows(), report.processed());
        assertNotNull(csvFiles.get(id));
        long reportRows = store.rows(id, PageRequest.of(100, null)).entries().size();
        assertEquals(Math.min(100, planted.rows()), reportRows);

        // WHEN LATEST_WINS is applied
        ApplyResult first = consistency.apply(id, ArbitrationRule.LATEST_WINS, null, admin);

        // THEN only the planted names change, stamped with the ERP's time
        assertEquals(planted.applied().size(), first.fieldsChanged(), first.toString());
        assertEquals(planted.applied().size(), first.customersChanged());
        assertEquals(List.of(), first.failures());
        for (Map.Entry<String, Map<String, String>> change : planted.applied().entrySet()) {
            Customer now = services.customers().get(change.getKey(), admin);
            assertEquals(change.getValue().get("name"), now.fields().name());
            assertEquals(
                    new SourceStamp("ERP", seededAt.plus(Duration.ofDays(1))), now.stampOf("name"));
        }
        // each with one audit record of the name and its stamp, and nothing else written
        List<AuditEntry> updates =
                new StreamReader(dynamo.streams())
                        .allRecords(dynamo.tables().customers()).stream()
                                .map(record -> AuditRules.entryFor(record, clock.instant()))
                                .filter(entry -> entry.operation() == AuditOperation.UPDATE)
                                .toList();
        assertEquals(
                planted.applied().keySet(),
                updates.stream().map(AuditEntry::entityId).collect(Collectors.toSet()));
        assertEquals(planted.applied().size(), updates.size());
        for (AuditEntry update : updates) {
            // bulk-seeded customers have no golden id yet: their first write assigns one (R-07),
            // as any update would; apart from that only the name and its stamp change
            Set<String> changed =
                    update.changes().stream()
                            .map(FieldChange::field)
                            .filter(field -> !field.startsWith("goldenId"))
                            .collect(Collectors.toSet());
            assertEquals(Set.of("name", "fieldStamps"), changed, update.toString());
            assertEquals(admin.userId(), update.actorId());
            assertTrue(
                    update.changes().stream()
                            .anyMatch(
                                    c ->
                                            c.field().equals("fieldStamps")
                                                    && c.after().contains("ERP@")),
                    update.toString());
        }

        // WHEN it is applied again THEN nothing changes
        ApplyResult second = consistency.apply(id, ArbitrationRule.LATEST_WINS, null, admin);
        assertEquals(0, second.fieldsChanged());
        assertEquals(planted.applied().size(), second.fieldsAlreadyEqual());
    }

    @Test
    void aRedeliveredArrival_ofAFinishedReport_changesNothing() {
        Instant seededAt = clock.instant().minus(Duration.ofDays(30));
        PlantedExport planted = PlantedExport.of(20, "ERP", admin.userId(), "team-x", seededAt);
        String id = UUID.randomUUID().toString();
        ConsistencyDiff.Export export =
                new ConsistencyDiff.Export(
                        id, "ERP", admin.userId(), "text/csv", exports.add(planted.csv()));
        ConsistencyReport first = diff.run(export);
        // a finished report does not read its file again: gone, it would fail loudly
        exports.clear();

        ConsistencyReport again =
                diff.run(
                        new ConsistencyDiff.Export(
                                id,
                                "ERP",
                                admin.userId(),
                                "text/csv",
                                exports.add("not read: the report is finished")));

        assertEquals(first, again);
    }

    private static byte[] readAll(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readAllBytes(file);
        } catch (java.io.IOException unreadable) {
            throw new java.io.UncheckedIOException(unreadable);
        }
    }

    @Test
    void anExportWithoutAnExternalIdColumn_failsTheReport_namingTheRule() {
        String id = UUID.randomUUID().toString();

        ConsistencyReport report =
                diff.run(
                        new ConsistencyDiff.Export(
                                id,
                                "ERP",
                                admin.userId(),
                                "text/csv",
                                exports.add("name,phone\nonly a name,13912345678\n")));

        assertEquals(ConsistencyReport.Status.FAILED, report.status());
        assertEquals("externalIdColumn", report.failure().rule());
    }
}
