package org.opencrm.core.consistency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerBulkLoader;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestExports;

/**
 * A diff worked in chunks across invocations (R-09 at scale): cut into many small pieces, crashed
 * mid-chunk and redone, or left RUNNING by its arrival for the schedule, it ends with exactly the
 * rows, counts and CSV of one uninterrupted run, which are those of the rules applied to the whole
 * export in memory. An engine of its own: MISSING_THERE counts every ERP id.
 */
class ConsistencyDiffChunksTest {

    private static final Caller ADMIN = new Caller("admin-chunks");

    private final LocalDynamo dynamo = LocalDynamo.fresh();
    private final Instant start = Instant.now();
    private final ConsistencyStore store = new ConsistencyStore(dynamo.client(), dynamo.tables());
    private final CustomerStore customers = new CustomerStore(dynamo.enhanced(), dynamo.tables());
    private final TestExports exports = new TestExports();
    private final Map<String, byte[]> csvFiles = new ConcurrentHashMap<>();
    private final Instant seededAt = start.minus(Duration.ofDays(30));

    /** Who uploads; a plain id is all a diff needs. */
    private record Caller(String userId) {}

    @Test
    void aDiffCutIntoManySmallPieces_endsWithTheRowsCountsAndCsvOfAnUninterruptedOne() {
        // GIVEN 200 planted customers and their export, with a row naming two customers and a
        // row missing here named like a customer missing there
        Export export = seededExport(200);

        // WHEN it is diffed in one go, and again in chunks of 7 rows, one chunk per invocation
        String whole = runWhole(export);
        String pieces = UUID.randomUUID().toString();
        ConsistencyReport arrived =
                diff(at(0), 7, () -> () -> false, () -> {}).run(export.of(pieces));
        int runs = 0;
        while (store.find(pieces).orElseThrow().status() == ConsistencyReport.Status.RUNNING) {
            ConsistencyService.Continuation run =
                    diff(at(0), 7, () -> () -> false, () -> {}).continuePending(times(1));
            assertEquals(1, run.worked(), run.toString());
            runs++;
        }

        // THEN the arrival stopped after its first piece (the whole file checked and counted),
        // many runs went on from the cursor
        assertEquals(ConsistencyReport.Status.RUNNING, arrived.status());
        assertEquals(0, arrived.processed());
        assertEquals(export.rows(), arrived.total());
        assertTrue(runs > 30, "runs " + runs);
        // and both reports are the expected one, row for row, with the same CSV
        ConsistencyReport one = store.find(whole).orElseThrow();
        ConsistencyReport many = store.find(pieces).orElseThrow();
        assertEquals(export.expected(), one.counts());
        assertEquals(one.counts(), many.counts());
        assertEquals(one.total(), many.total());
        assertEquals(many.total(), many.processed());
        assertEquals(rows(whole), rows(pieces));
        assertArrayEquals(csvFiles.get(whole), csvFiles.get(pieces));
        assertFalse(store.pendingDiffs().contains(pieces));
        // the rows are those of the rules applied to the whole export at once
        assertEquals(inMemory(export), rows(whole));
        // the row naming two customers, and the suggestions both ways, are there
        assertTrue(
                rows(whole).stream().anyMatch(row -> !row.otherCustomerIds().isEmpty()),
                "a DUPLICATE naming another customer");
        assertEquals(
                List.of(ConsistencyRules.suggestCustomer(export.missingThereNamed())),
                row(whole, export.suggestedLine()).suggestions());
    }

    @Test
    void aChunkRedoneAfterACrash_changesNothing() {
        // GIVEN an export, and a worker that crashes after the writes of every third chunk,
        // before its cursor is saved
        Export export = seededExport(120);
        String whole = runWhole(export);
        String crashed = UUID.randomUUID().toString();
        AtomicInteger saves = new AtomicInteger();
        Runnable crashEveryThird =
                () -> {
                    if (saves.incrementAndGet() % 3 == 0) {
                        throw new IllegalStateException("the worker dies here");
                    }
                };

        // WHEN it runs, dies, and its continuations die the same way
        assertThrows(
                IllegalStateException.class,
                () -> diff(at(0), 11, () -> () -> true, crashEveryThird).run(export.of(crashed)));
        // THEN the dead worker's lease keeps the schedule off the report until it runs out
        ConsistencyService.Continuation tooSoon =
                diff(at(0), 11, () -> () -> true, () -> {}).continuePending(() -> true);
        assertEquals(new ConsistencyService.Continuation(0, 0, 1), tooSoon);
        int crashes = 1;
        for (int minutes = 2; !done(crashed) && minutes < 2_000; minutes += 2) {
            try {
                diff(at(minutes), 11, () -> () -> true, crashEveryThird)
                        .continuePending(() -> true);
            } catch (IllegalStateException died) {
                crashes++;
            }
        }

        // THEN every chunk redone wrote the same: the uninterrupted report exactly
        assertTrue(crashes > 3, "crashes " + crashes);
        assertEquals(
                store.find(whole).orElseThrow().counts(),
                store.find(crashed).orElseThrow().counts());
        assertEquals(export.expected(), store.find(crashed).orElseThrow().counts());
        assertEquals(rows(whole), rows(crashed));
        assertArrayEquals(csvFiles.get(whole), csvFiles.get(crashed));
    }

    @Test
    void theSchedule_picksUpADiffTheArrivalLeftRunning() {
        // GIVEN an arrival whose budget ran out after the file's check and a chunk of 50 rows
        Export export = seededExport(100);
        String id = UUID.randomUUID().toString();
        ConsistencyReport arrived = diff(at(0), 50, () -> times(2), () -> {}).run(export.of(id));
        assertEquals(ConsistencyReport.Status.RUNNING, arrived.status());
        assertEquals(50, arrived.processed());
        assertTrue(store.pendingDiffs().contains(id));

        // WHEN the schedule runs with time enough
        ConsistencyService.Continuation run =
                diff(at(0), 50, () -> () -> false, () -> {}).continuePending(() -> true);

        // THEN it finished that diff from its cursor: the planted counts, off the pending list
        assertEquals(new ConsistencyService.Continuation(1, 1, 0), run);
        ConsistencyReport done = store.find(id).orElseThrow();
        assertEquals(ConsistencyReport.Status.DONE, done.status());
        assertEquals(export.expected(), done.counts());
        assertEquals(done.total(), done.processed());
        assertFalse(store.pendingDiffs().contains(id));
    }

    /** A planted export with two extra rows, and what it should give. */
    private record Export(
            String csv,
            ExportFile file,
            ConsistencyReport.Counts expected,
            long suggestedLine,
            String missingThereNamed,
            long rows) {

        ConsistencyDiff.Export of(String id) {
            return new ConsistencyDiff.Export(id, "ERP", ADMIN.userId(), "text/csv", file);
        }
    }

    private Export seededExport(int n) {
        PlantedExport planted = PlantedExport.of(n, "ERP", ADMIN.userId(), "team-x", seededAt);
        new CustomerBulkLoader(dynamo.client(), dynamo.tables())
                .load(
                        planted.customers(),
                        new WriteStamp(ADMIN.userId(), "seed", "127.0.0.1", seededAt));
        Customer first = planted.customers().get(0);
        Customer notExported = planted.customers().get(4);
        Customer sixth = planted.customers().get(6);
        // the first customer's id with the sixth's phone: a DUPLICATE naming the sixth, and the
        // first customer's own row (the file's first) a DUPLICATE too; a new id named like the
        // customer not exported: MISSING_HERE, each suggested to the other
        String csv =
                planted.csv()
                        + first.externalIds().get("ERP")
                        + ",someone,"
                        + sixth.fields().phone()
                        + ",,east,\n"
                        + "ERP-NEW-"
                        + UUID.randomUUID()
                        + ","
                        + notExported.fields().name()
                        + ",+8613600000000,,east,\n";
        ConsistencyReport.Counts planted0 = planted.expected();
        ConsistencyReport.Counts expected =
                new ConsistencyReport.Counts(
                        planted0.matched() - 1,
                        planted0.missingHere() + 1,
                        planted0.missingThere(),
                        planted0.mismatched(),
                        planted0.duplicates() + 2);
        return new Export(
                csv,
                exports.add(csv),
                expected,
                planted.rows() + 2L,
                notExported.id(),
                planted.rows() + 2L);
    }

    private String runWhole(Export export) {
        String id = UUID.randomUUID().toString();
        ConsistencyReport report =
                diff(at(0), ConsistencyDiff.CHUNK_ROWS, () -> () -> true, () -> {})
                        .run(export.of(id));
        assertEquals(ConsistencyReport.Status.DONE, report.status(), String.valueOf(report));
        return id;
    }

    /** The rules of ConsistencyRules applied to the whole export at once, all in memory. */
    private List<ReportRow> inMemory(Export export) {
        List<ExportRow> rows =
                ExportReader.read(
                        export.csv().getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv");
        Set<String> keys = new HashSet<>();
        rows.forEach(
                row ->
                        ConsistencyRules.lookups(row, "ERP")
                                .forEach(lookup -> keys.add(lookup.identityKey())));
        Map<String, String> holders = customers.holdersOf(keys);
        List<ConsistencyRules.Resolution> resolutions =
                rows.stream().map(row -> ConsistencyRules.resolve(row, "ERP", holders)).toList();
        Map<String, String> systemHolders = customers.holdersOfSystem("ERP");
        Set<String> named = new HashSet<>(systemHolders.values());
        resolutions.stream()
                .filter(ConsistencyRules.Resolution::matched)
                .forEach(
                        resolution -> {
                            named.add(resolution.customerId());
                            named.addAll(resolution.others());
                        });
        return ConsistencyRules.classify(
                rows, resolutions, customers.findAll(named), systemHolders);
    }

    private ConsistencyDiff diff(
            Clock clock, int chunkRows, Supplier<BooleanSupplier> budget, Runnable beforeSave) {
        return new ConsistencyDiff(
                store,
                customers,
                exports,
                (reportId, file) -> csvFiles.put(reportId, readAll(file)),
                clock,
                new ConsistencyDiff.Tuning(chunkRows, budget, beforeSave));
    }

    /** A budget with time for {@code n} more chunks after the first. */
    private static BooleanSupplier times(int n) {
        AtomicInteger left = new AtomicInteger(n);
        return () -> left.getAndDecrement() > 0;
    }

    /** The test's clock {@code minutes} on: past a dead worker's lease after one. */
    private Clock at(int minutes) {
        return Clock.fixed(start.plus(Duration.ofMinutes(minutes)), java.time.ZoneOffset.UTC);
    }

    private boolean done(String id) {
        return store.find(id).orElseThrow().status() != ConsistencyReport.Status.RUNNING;
    }

    private List<ReportRow> rows(String id) {
        List<ReportRow> all = new ArrayList<>();
        Optional<String> after = Optional.empty();
        Page<ReportRow> page;
        do {
            page = store.rows(id, new PageRequest(PageRequest.MAX_SIZE, after));
            page.entries().forEach(entry -> all.add(entry.item()));
            after = Optional.of(Keys.consistencyRow(all.get(all.size() - 1).number()));
        } while (page.hasNextPage());
        return all;
    }

    private ReportRow row(String id, long number) {
        return rows(id).stream().filter(row -> row.number() == number).findFirst().orElseThrow();
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
