package org.opencrm.core.consistency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.audit.AuditOperation;
import org.opencrm.core.audit.AuditRules;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerBulkLoader;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.customer.FieldStamps;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestExports;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;

/**
 * applyConsistencyReport as a bounded inline run plus a scheduled continuation (issue 17, R-09): a
 * small apply finishes inline; one out of budget stops RUNNING at a cursor, the continuation
 * finishes it with the counts of a one-shot apply and one write per changed customer; a lease keeps
 * a second worker off; a repeated request while pending is the same apply. An engine of its own,
 * shared by these tests, each finishing its apply: the continuation works every pending apply it
 * finds.
 */
class ConsistencyApplyTest {

    private static final LocalDynamo DYNAMO = LocalDynamo.fresh();

    /** Customers per planted export: at least 230 report rows, three pages or more. */
    private static final int CUSTOMERS = 200;

    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = DYNAMO.services(clock);
    private final ConsistencyStore store = new ConsistencyStore(DYNAMO.client(), DYNAMO.tables());
    private final TestExports exports = new TestExports();
    private final Caller admin = TestOrg.member(services, Role.ADMIN, "east", "team-x");
    private final Instant seededAt = clock.instant().minus(Duration.ofDays(30));

    @Test
    void aSmallApply_finishesInline_withTheOneShotCounts() {
        // GIVEN a diffed export of 40 customers
        PlantedExport planted = planted(40);
        String id = diffed(planted);

        // WHEN applied within the real budget
        ApplyResult result =
                service(ConsistencyService.budgetOf(ConsistencyService.INLINE_BUDGET))
                        .apply(id, ArbitrationRule.LATEST_WINS, null, admin);

        // THEN it is DONE in the answer, with every row walked and the planted counts
        assertEquals(oneShot(planted, id), result);
        ConsistencyReport report = store.find(id).orElseThrow();
        assertEquals(ApplyStatus.DONE, report.lastApply().status());
        assertEquals(result, report.lastApply().progress());
        assertNotNull(report.appliedAt());
        assertFalse(store.pendingApplies().contains(id), "a finished apply leaves the index");
    }

    @Test
    void anApplyOutOfBudget_stopsAtACursor_andTheContinuationFinishesIt_likeAOneShotApply() {
        // GIVEN a diffed export of four pages of rows
        PlantedExport planted = planted(CUSTOMERS);
        String id = diffed(planted);

        // WHEN applied with no time beyond the first page
        ApplyResult inline =
                service(() -> () -> false).apply(id, ArbitrationRule.LATEST_WINS, null, admin);

        // THEN the answer is RUNNING after one page, and the report is pending at that cursor
        assertEquals(ApplyStatus.RUNNING, inline.status());
        assertEquals(ConsistencyApplier.PAGE_ROWS, inline.processed());
        ConsistencyApply stopped = store.find(id).orElseThrow().lastApply();
        assertEquals(ApplyStatus.RUNNING, stopped.status());
        assertEquals(ConsistencyApplier.PAGE_ROWS, stopped.afterRow());
        assertTrue(store.pendingApplies().contains(id));

        // WHEN the schedule continues it, a page per run
        ConsistencyService schedule = service(() -> () -> false);
        int runs = 0;
        while (store.find(id).orElseThrow().lastApply().pending()) {
            ConsistencyService.Continuation run = schedule.continuePending(pages(1));
            assertEquals(1, run.worked(), "run " + runs);
            runs++;
        }

        // THEN one run per remaining page finished it with the counts of a one-shot apply
        ConsistencyApply done = store.find(id).orElseThrow().lastApply();
        long pages =
                (done.rows() + ConsistencyApplier.PAGE_ROWS - 1) / ConsistencyApplier.PAGE_ROWS;
        assertEquals(pages - 1, runs);
        assertEquals(oneShot(planted, id), done.progress());
        assertNotNull(done.finishedAt());
        assertFalse(store.pendingApplies().contains(id));
        // and each changed customer was written once: one version bump, one audit update
        assertEquals(planted.applied().keySet(), writtenOnce(planted));
    }

    @Test
    void aHeldLease_makesAnotherWorkerSkip_untilItRunsOut() {
        // GIVEN an apply left RUNNING, and another worker holding its lease
        PlantedExport planted = planted(CUSTOMERS);
        String id = diffed(planted);
        service(() -> () -> false).apply(id, ArbitrationRule.LATEST_WINS, null, admin);
        Instant now = clock.instant();
        assertTrue(
                store.claimApply(id, "another-worker", now, now.plus(ReportLease.TERM))
                        .isPresent());

        // WHEN the schedule runs
        ConsistencyService schedule = service(() -> () -> false);
        ConsistencyService.Continuation held = schedule.continuePending(() -> true);

        // THEN it leaves the report alone
        assertEquals(1, held.skipped());
        assertEquals(0, held.worked());
        ConsistencyApply untouched = store.find(id).orElseThrow().lastApply();
        assertEquals(ConsistencyApplier.PAGE_ROWS, untouched.progress().processed());
        // and the holder, still holding it, finds a claim refused too
        assertTrue(store.claimApply(id, "a-third", now, now.plusSeconds(1)).isEmpty());

        // WHEN the holder's lease runs out (it died) and the schedule runs again
        clock.advance(ReportLease.TERM.plusSeconds(1));
        ConsistencyService.Continuation after = schedule.continuePending(() -> true);

        // THEN that run takes over and finishes it, as if nobody had held it
        assertEquals(1, after.finished());
        assertEquals(oneShot(planted, id), store.find(id).orElseThrow().lastApply().progress());
    }

    @Test
    void aRepeatedRequestWhilePending_answersThePendingApply_andOneAfterItStartsAnew() {
        // GIVEN an apply left RUNNING after its first page
        PlantedExport planted = planted(CUSTOMERS);
        String id = diffed(planted);
        ConsistencyService api = service(() -> () -> false);
        ApplyResult first = api.apply(id, ArbitrationRule.LATEST_WINS, null, admin);
        Instant requestedAt = store.find(id).orElseThrow().lastApply().requestedAt();

        // WHEN the same is asked again (every compared field, named in another order)
        List<String> sameFields = new ArrayList<>(FieldStamps.COMPARED);
        Collections.reverse(sameFields);
        ApplyResult again = api.apply(id, ArbitrationRule.LATEST_WINS, sameFields, admin);

        // THEN the answer is the pending apply, not a second one
        assertEquals(first, again);
        ConsistencyApply pending = store.find(id).orElseThrow().lastApply();
        assertEquals(requestedAt, pending.requestedAt());
        assertEquals(first.processed(), pending.progress().processed());

        // WHEN other fields are asked for while it is pending THEN refused, naming the rule
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () -> api.apply(id, ArbitrationRule.LATEST_WINS, List.of("email"), admin));
        assertEquals("applyPending", refused.problems().get(0).rule());

        // WHEN the schedule finishes it THEN its counts are a one-shot apply's: no second run
        api.continuePending(() -> true);
        assertEquals(oneShot(planted, id), store.find(id).orElseThrow().lastApply().progress());

        // WHEN asked again after it is DONE THEN a new apply runs and changes nothing
        ApplyResult anew =
                service(() -> () -> true).apply(id, ArbitrationRule.LATEST_WINS, null, admin);
        assertEquals(ApplyStatus.DONE, anew.status());
        assertEquals(0, anew.fieldsChanged());
        assertEquals(planted.applied().size(), anew.fieldsAlreadyEqual());
        assertTrue(store.find(id).orElseThrow().lastApply().requestedAt().isAfter(requestedAt));
    }

    @Test
    void aRequesterNoLongerActive_stopsThePendingApply_keepingWhatWasApplied() {
        // GIVEN an apply left RUNNING, and its requester suspended since
        PlantedExport planted = planted(CUSTOMERS);
        String id = diffed(planted);
        ApplyResult inline =
                service(() -> () -> false).apply(id, ArbitrationRule.LATEST_WINS, null, admin);
        Caller otherAdmin = TestOrg.member(services, Role.ADMIN, "east", "team-x");
        services.users().suspend(admin.userId(), "left the project", otherAdmin);

        // WHEN the schedule runs
        ConsistencyService.Continuation run =
                service(() -> () -> false).continuePending(() -> true);

        // THEN the apply is STOPPED with why, after the rows it had walked, and no longer pending
        assertEquals(1, run.finished());
        ConsistencyApply stopped = store.find(id).orElseThrow().lastApply();
        assertEquals(ApplyStatus.STOPPED, stopped.status());
        assertEquals(inline.processed(), stopped.progress().processed());
        assertEquals(inline.fieldsChanged(), stopped.progress().fieldsChanged());
        assertTrue(
                stopped.progress().failures().stream()
                        .anyMatch(failure -> failure.contains(admin.userId())),
                stopped.toString());
        assertFalse(store.pendingApplies().contains(id));
    }

    private ConsistencyService service(Supplier<BooleanSupplier> inlineBudget) {
        return new ConsistencyService(
                store,
                services.customers(),
                services.users(),
                new ConsistencyFiles(
                        () -> {
                            throw new IllegalStateException("no bucket in core tests");
                        }),
                clock,
                inlineBudget);
    }

    /** A budget of {@code n} pages: true n times, then false. */
    private static BooleanSupplier pages(int n) {
        AtomicInteger left = new AtomicInteger(n);
        return () -> left.getAndDecrement() > 0;
    }

    private PlantedExport planted(int customers) {
        PlantedExport planted =
                PlantedExport.of(customers, "ERP", admin.userId(), "team-x", seededAt);
        new CustomerBulkLoader(DYNAMO.client(), DYNAMO.tables())
                .load(
                        planted.customers(),
                        new WriteStamp(admin.userId(), "seed", "127.0.0.1", seededAt));
        return planted;
    }

    private String diffed(PlantedExport planted) {
        String id = UUID.randomUUID().toString();
        ConsistencyReport report =
                new ConsistencyDiff(
                                store,
                                new CustomerStore(DYNAMO.enhanced(), DYNAMO.tables()),
                                exports,
                                (reportId, csv) -> {},
                                clock)
                        .run(
                                new ConsistencyDiff.Export(
                                        id,
                                        "ERP",
                                        admin.userId(),
                                        "text/csv",
                                        exports.add(planted.csv())));
        // MISSING_THERE also counts the other tests' ERP customers in this engine: not applied
        assertEquals(ConsistencyReport.Status.DONE, report.status());
        assertEquals(planted.expected().mismatched(), report.counts().mismatched());
        return id;
    }

    /** What one apply of every row gives (ConsistencyDiffTest's done-when): the planted names. */
    private ApplyResult oneShot(PlantedExport planted, String id) {
        ConsistencyReport report = store.find(id).orElseThrow();
        int names = planted.applied().size();
        return new ApplyResult(
                ApplyStatus.DONE,
                report.total() + report.counts().missingThere(),
                names,
                names,
                0,
                0,
                List.of());
    }

    /** The planted customers written exactly once since seeding: version 2, one audit update. */
    private Set<String> writtenOnce(PlantedExport planted) {
        Set<String> ids =
                planted.customers().stream().map(Customer::id).collect(Collectors.toSet());
        Map<String, Long> updates =
                new StreamReader(DYNAMO.streams())
                        .allRecords(DYNAMO.tables().customers()).stream()
                                .map(record -> AuditRules.entryFor(record, clock.instant()))
                                .filter(entry -> entry.operation() == AuditOperation.UPDATE)
                                .filter(entry -> ids.contains(entry.entityId()))
                                .collect(
                                        Collectors.groupingBy(
                                                entry -> entry.entityId(), Collectors.counting()));
        Set<String> once =
                updates.entrySet().stream()
                        .filter(entry -> entry.getValue() == 1)
                        .map(Map.Entry::getKey)
                        .collect(Collectors.toSet());
        for (Customer seeded : planted.customers()) {
            long version = services.customers().get(seeded.id(), admin).version();
            assertEquals(once.contains(seeded.id()) ? 2 : 1, version, seeded.id());
        }
        assertEquals(updates.keySet(), once, "no customer written twice");
        return once;
    }
}
