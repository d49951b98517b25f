package org.opencrm.core.consistency;

import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code applyConsistencyReport} changed so far; the final counts once DONE.
 *
 * <p>A worker that died in the middle of a page leaves that page to be walked again: fields it had
 * written are then counted as already equal, not as changed (and their customers not as changed),
 * so after such a crash the counts may show fewer changes than were made. The customers are right
 * either way: applying a value a customer holds writes nothing.
 *
 * @param status where the apply stands
 * @param processed report rows walked, in report order
 * @param customersChanged customers written (one audit row each)
 * @param fieldsChanged fields that took the other system's newer value
 * @param fieldsAlreadyEqual fields that hold that value already (an earlier apply): left alone
 * @param fieldsChangedSince fields changed here after the report was made: left alone
 * @param failures customers whose write was refused, each with why (e.g. the other system's phone
 *     is another customer's), at most {@value #MAX_FAILURES_LISTED}
 */
public record ApplyResult(
        ApplyStatus status,
        long processed,
        int customersChanged,
        int fieldsChanged,
        int fieldsAlreadyEqual,
        int fieldsChangedSince,
        List<String> failures) {

    static final int MAX_FAILURES_LISTED = 20;

    public ApplyResult {
        failures = List.copyOf(failures);
    }

    /** A new request: nothing walked yet. */
    static ApplyResult queued() {
        return new ApplyResult(ApplyStatus.QUEUED, 0, 0, 0, 0, 0, List.of());
    }

    /** These counts and a page's (or a note's) added, in {@code status}. */
    ApplyResult plus(ApplyResult more, ApplyStatus status) {
        List<String> listed = new ArrayList<>(failures);
        more.failures.stream()
                .limit(Math.max(0, MAX_FAILURES_LISTED - listed.size()))
                .forEach(listed::add);
        return new ApplyResult(
                status,
                processed + more.processed,
                customersChanged + more.customersChanged,
                fieldsChanged + more.fieldsChanged,
                fieldsAlreadyEqual + more.fieldsAlreadyEqual,
                fieldsChangedSince + more.fieldsChangedSince,
                listed);
    }
}
