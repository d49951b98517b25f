package org.opencrm.core.consistency;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.opencrm.core.access.Caller;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.customer.CustomerInputBuilder;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.customer.FieldStamps;
import org.opencrm.core.customer.SourceStamp;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.ConflictRetry;
import org.opencrm.core.store.Keys;

/**
 * Walks a report's pending apply page by page from its stored cursor: the one worker holding the
 * report's lease (inline in the mutation, or the schedule's continuation) settles each MISMATCH
 * row's requested fields where the other system changed last, through the customer's normal update
 * path, and saves cursor and counts after every page.
 */
final class ConsistencyApplier {

    /** Report rows per page: one query, then the page's customer writes, then one save. */
    static final int PAGE_ROWS = PageRequest.MAX_SIZE;

    private final ConsistencyStore store;
    private final CustomerService customers;
    private final Clock clock;

    ConsistencyApplier(ConsistencyStore store, CustomerService customers, Clock clock) {
        this.store = store;
        this.customers = customers;
        this.clock = clock;
    }

    /**
     * Claims the report's pending apply and works it as {@code caller}: one page, then more while
     * {@code timeLeft}, saving after each; gives the lease up when stopping short of the end. The
     * apply as left; empty when another worker holds it, nothing is pending, or the lease was lost
     * mid-way.
     */
    Optional<ConsistencyApply> work(String id, Caller caller, BooleanSupplier timeLeft) {
        String holder = UUID.randomUUID().toString();
        Optional<ConsistencyReport> claimed = claim(id, holder);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        String system = claimed.get().system();
        ConsistencyApply state = claimed.get().lastApply();
        do {
            Optional<ConsistencyApply> saved = page(id, system, state, holder, caller);
            if (saved.isEmpty()) {
                return Optional.empty();
            }
            state = saved.get();
        } while (state.pending() && timeLeft.getAsBoolean());
        if (state.pending()) {
            store.releaseApply(id, holder);
        }
        return Optional.of(state);
    }

    /**
     * Ends the report's pending apply STOPPED with {@code why} listed, what was applied staying;
     * empty when another worker holds it.
     */
    Optional<ConsistencyApply> stop(String id, String why) {
        String holder = UUID.randomUUID().toString();
        Optional<ConsistencyReport> claimed = claim(id, holder);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        ConsistencyApply state = claimed.get().lastApply();
        ApplyResult note = new ApplyResult(ApplyStatus.STOPPED, 0, 0, 0, 0, 0, List.of(why));
        ConsistencyApply stopped =
                state.toBuilder()
                        .progress(state.progress().plus(note, ApplyStatus.STOPPED))
                        .finishedAt(clock.instant())
                        .build();
        return store.saveApply(id, holder, stopped, clock.instant())
                ? Optional.of(stopped)
                : Optional.empty();
    }

    private Optional<ConsistencyReport> claim(String id, String holder) {
        Instant now = clock.instant();
        return store.claimApply(id, holder, now, now.plus(ReportLease.TERM));
    }

    /** One page after the cursor, then the save; empty when the lease was lost. */
    private Optional<ConsistencyApply> page(
            String id, String system, ConsistencyApply state, String holder, Caller caller) {
        Optional<String> after =
                state.afterRow() == 0
                        ? Optional.empty()
                        : Optional.of(Keys.consistencyRow(state.afterRow()));
        Page<ReportRow> rows = store.rows(id, new PageRequest(PAGE_ROWS, after));
        Tally tally = new Tally();
        long lastRow = state.afterRow();
        for (Page.Entry<ReportRow> entry : rows.entries()) {
            ReportRow row = entry.item();
            if (row.kind() == RowKind.MISMATCH) {
                applyRow(system, row, state.fields(), caller, tally);
            }
            lastRow = row.number();
        }
        boolean last = !rows.hasNextPage();
        ApplyStatus status = last ? ApplyStatus.DONE : ApplyStatus.RUNNING;
        Instant now = clock.instant();
        ConsistencyApply next =
                state.toBuilder()
                        .afterRow(lastRow)
                        .progress(state.progress().plus(tally.of(rows.entries().size()), status))
                        .finishedAt(last ? now : null)
                        .build();
        return store.saveApply(id, holder, next, now.plus(ReportLease.TERM))
                ? Optional.of(next)
                : Optional.empty();
    }

    private void applyRow(
            String system, ReportRow row, List<String> requested, Caller caller, Tally tally) {
        List<FieldDifference> newerThere =
                row.differences().stream()
                        .filter(difference -> difference.changedLast() == Side.THERE)
                        .filter(difference -> requested.contains(difference.field()))
                        .toList();
        if (newerThere.isEmpty()) {
            return;
        }
        try {
            ConflictRetry.standard()
                    .run(attempt -> applyTo(system, row.customerId(), newerThere, caller, tally));
        } catch (CrmException refused) {
            tally.failures.add(row.customerId() + ": " + refused.getMessage());
        }
    }

    private boolean applyTo(
            String system,
            String customerId,
            List<FieldDifference> newerThere,
            Caller caller,
            Tally tally) {
        Customer current = customers.get(customerId, caller);
        CustomerInputBuilder patch = CustomerInput.builder();
        int taken = 0;
        int equal = 0;
        int since = 0;
        for (FieldDifference difference : newerThere) {
            String now = FieldStamps.valueOf(current.fields(), difference.field());
            if (Objects.equals(now, difference.there())) {
                equal++;
            } else if (current.stampOf(difference.field())
                    .at()
                    .isAfter(difference.hereChangedAt())) {
                since++;
            } else {
                set(patch, difference.field(), difference.there());
                taken++;
            }
        }
        if (taken > 0) {
            SourceStamp source = new SourceStamp(system, newerThere.get(0).thereChangedAt());
            customers.updateFromSource(
                    customerId, current.version(), patch.build(), source, caller);
            tally.customers++;
        }
        tally.changed += taken;
        tally.alreadyEqual += equal;
        tally.changedSince += since;
        return true;
    }

    /** An empty value clears an optional field, as in any update. */
    private static void set(CustomerInputBuilder patch, String field, String value) {
        String written = value == null ? "" : value;
        switch (field) {
            case "name" -> patch.name(written);
            case "phone" -> patch.phone(written);
            case "email" -> patch.email(written);
            case "wechatId" -> patch.wechatId(written);
            case "region" -> patch.region(written);
            default -> throw new IllegalArgumentException("not a compared field: " + field);
        }
    }

    /** Counts of one page. */
    private static final class Tally {
        int customers;
        int changed;
        int alreadyEqual;
        int changedSince;
        final List<String> failures = new ArrayList<>();

        ApplyResult of(long rows) {
            return new ApplyResult(
                    ApplyStatus.RUNNING,
                    rows,
                    customers,
                    changed,
                    alreadyEqual,
                    changedSince,
                    failures);
        }
    }
}
