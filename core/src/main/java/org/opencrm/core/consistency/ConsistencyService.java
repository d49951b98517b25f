package org.opencrm.core.consistency;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.customer.FieldStamps;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.UnauthenticatedException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.user.UserService;

/**
 * Consistency reports for whoever the policy lets ask (admins), and the one way their differences
 * reach customers: {@link #apply}, field by field, through the customer's normal update path, so
 * each changed customer gets one audit row and each taken value the other system's source stamp.
 *
 * <p>An apply is recorded on the report, worked inline for a bounded time, and, when that is not
 * enough, continued by {@link #continuePending} on a schedule from where it stopped.
 */
public final class ConsistencyService {

    public static final String TYPE = "ConsistencyReport";

    /**
     * How long the mutation works before it answers RUNNING and leaves the rest to the schedule.
     * API Gateway ends an integration after 29 s: 10 s of pages, plus the page in hand when the
     * budget runs out (at most 100 customer writes, seconds) and a cold start, stays well inside
     * it. Wall time, not the application clock: that is what the gateway counts.
     */
    public static final Duration INLINE_BUDGET = Duration.ofSeconds(10);

    private final ConsistencyStore store;
    private final ConsistencyFiles files;
    private final UserService users;
    private final ConsistencyApplier applier;
    private final Supplier<BooleanSupplier> inlineBudget;
    private final Clock clock;

    public ConsistencyService(
            ConsistencyStore store,
            CustomerService customers,
            UserService users,
            ConsistencyFiles files,
            Clock clock) {
        this(store, customers, users, files, clock, budgetOf(INLINE_BUDGET));
    }

    /**
     * @param inlineBudget starts the mutation's budget: its answer says whether there is time for
     *     another page (the first page is always walked)
     */
    public ConsistencyService(
            ConsistencyStore store,
            CustomerService customers,
            UserService users,
            ConsistencyFiles files,
            Clock clock,
            Supplier<BooleanSupplier> inlineBudget) {
        this.store = store;
        this.files = files;
        this.users = users;
        this.applier = new ConsistencyApplier(store, customers, clock);
        this.inlineBudget = inlineBudget;
        this.clock = clock;
    }

    /** A budget of {@code length} wall time from each start. */
    public static Supplier<BooleanSupplier> budgetOf(Duration length) {
        return () -> {
            long end = System.nanoTime() + length.toNanos();
            return () -> System.nanoTime() - end < 0;
        };
    }

    public ConsistencyReport report(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException(TYPE, id));
    }

    public Page<ReportRow> rows(String id, PageRequest page) {
        return store.rows(id, page);
    }

    /** The report's CSV, once DONE: a presigned GET; null before. */
    public String csvUrl(ConsistencyReport report) {
        return report.status() == ConsistencyReport.Status.DONE
                ? files.downloadUrl(report.id())
                : null;
    }

    /**
     * Settles a DONE report's MISMATCH rows by {@code rule}: for each requested field (all compared
     * fields when {@code fields} is null) where the other system changed last, the customer takes
     * its value, stamped with that system and the row's time. Applying again changes nothing: the
     * values are equal by then.
     *
     * <p>Records the request on the report and works it for {@link #INLINE_BUDGET}: the answer is
     * DONE with the counts, or RUNNING with the counts so far while the schedule continues. While
     * an apply is pending, asking for the same again answers that one (no second apply); asking for
     * other fields is refused until it is done.
     */
    public ApplyResult apply(String id, ArbitrationRule rule, List<String> fields, Caller caller) {
        Objects.requireNonNull(rule, "rule");
        ConsistencyReport report = report(id);
        if (report.status() != ConsistencyReport.Status.DONE) {
            throw new ValidationException(
                    new FieldProblem(
                            "id",
                            "reportDone",
                            "report "
                                    + id
                                    + " is "
                                    + report.status()
                                    + "; only a DONE report can be applied",
                            ConsistencyReport.Status.DONE.name()));
        }
        List<String> requested = requestedFields(fields);
        ConsistencyApply request =
                ConsistencyApplyBuilder.builder()
                        .rule(rule)
                        .fields(requested)
                        .requestedBy(caller.userId())
                        .requestedAt(clock.instant())
                        .progress(ApplyResult.queued())
                        .build();
        if (!store.requestApply(id, request)) {
            return pendingOne(report(id), rule, requested);
        }
        return applier.work(id, caller, inlineBudget.get())
                .orElseGet(() -> report(id).lastApply())
                .progress();
    }

    /**
     * Continues every report's pending apply, oldest request first, as its requester (as the users
     * table knows them now: one no longer active stops it), while {@code timeLeft}; a report
     * another worker holds is skipped.
     */
    public Continuation continuePending(BooleanSupplier timeLeft) {
        int worked = 0;
        int finished = 0;
        int skipped = 0;
        for (String id : store.pendingApplies()) {
            if (!timeLeft.getAsBoolean()) {
                break;
            }
            Optional<ConsistencyApply> left = continueOne(id, timeLeft);
            worked += left.isPresent() ? 1 : 0;
            finished += left.filter(apply -> !apply.pending()).isPresent() ? 1 : 0;
            skipped += left.isEmpty() ? 1 : 0;
        }
        return new Continuation(worked, finished, skipped);
    }

    /**
     * What one continuation run did.
     *
     * @param worked reports whose apply it took further
     * @param finished of those, the ones it finished (DONE or STOPPED)
     * @param skipped reports another worker held (or that finished meanwhile)
     */
    public record Continuation(int worked, int finished, int skipped) {

        public Map<String, Integer> counts() {
            return Map.of("worked", worked, "finished", finished, "skipped", skipped);
        }
    }

    private Optional<ConsistencyApply> continueOne(String id, BooleanSupplier timeLeft) {
        Optional<ConsistencyApply> pending =
                store.find(id).map(ConsistencyReport::lastApply).filter(ConsistencyApply::pending);
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        Caller requester;
        try {
            requester = requester(id, pending.get());
        } catch (UnauthenticatedException gone) {
            String why = "stopped after row " + pending.get().afterRow() + ": " + gone.getMessage();
            return applier.stop(id, why);
        }
        return applier.work(id, requester, timeLeft);
    }

    /** The requester as the users table knows them now; refused unless still active. */
    private Caller requester(String id, ConsistencyApply apply) {
        // authenticate takes role, region and team from the user record; the claimed ones are
        // placeholders
        return users.authenticate(
                Caller.builder()
                        .userId(apply.requestedBy())
                        .role(Role.ADMIN)
                        .requestId("consistency-apply:" + id)
                        .build());
    }

    /** The apply pending when a second request came; refused when that asked for other fields. */
    private static ApplyResult pendingOne(
            ConsistencyReport report, ArbitrationRule rule, List<String> requested) {
        ConsistencyApply pending = report.lastApply();
        if (pending.pending() && !pending.asks(rule, requested)) {
            throw new ValidationException(
                    new FieldProblem(
                            "fields",
                            "applyPending",
                            "an apply of "
                                    + pending.fields()
                                    + " by "
                                    + pending.requestedBy()
                                    + " is "
                                    + pending.status()
                                    + " on report "
                                    + report.id()
                                    + "; ask again once consistencyReport.applyStatus is DONE",
                            pending.fields()));
        }
        // pending: that one; finished since (a race), its final counts
        return pending.progress();
    }

    private static List<String> requestedFields(List<String> fields) {
        if (fields == null) {
            return FieldStamps.COMPARED;
        }
        List<String> unknown =
                fields.stream().filter(field -> !FieldStamps.COMPARED.contains(field)).toList();
        if (!unknown.isEmpty()) {
            throw new ValidationException(
                    new FieldProblem(
                            "fields",
                            "comparedField",
                            "must be compared fields " + FieldStamps.COMPARED + ", got " + unknown,
                            FieldStamps.COMPARED));
        }
        return fields;
    }
}
