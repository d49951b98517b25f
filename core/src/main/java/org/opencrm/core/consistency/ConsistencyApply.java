package org.opencrm.core.consistency;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The last {@code applyConsistencyReport} of a report, kept on its head item: the request, the
 * cursor a worker continues from, and the counts so far.
 *
 * @param rule how differences are settled
 * @param fields the compared fields asked for (all of them when the request named none)
 * @param requestedBy the admin who asked; workers write as them
 * @param afterRow the number of the last report row walked (0 before any): the next page starts
 *     after it
 * @param rows the report's rows (export rows, then MISSING_THERE customers): {@code
 *     progress.processed()} of these is how far the apply got
 * @param finishedAt when it became DONE or STOPPED; null while pending
 */
@RecordBuilder
public record ConsistencyApply(
        ArbitrationRule rule,
        List<String> fields,
        String requestedBy,
        Instant requestedAt,
        long afterRow,
        long rows,
        ApplyResult progress,
        Instant finishedAt) {

    public ConsistencyApply {
        fields = List.copyOf(fields);
    }

    public ApplyStatus status() {
        return progress.status();
    }

    public boolean pending() {
        return progress.status().pending();
    }

    /** Whether a request for {@code rule} and {@code fields} asks for this same apply. */
    boolean asks(ArbitrationRule otherRule, List<String> otherFields) {
        return rule == otherRule && Set.copyOf(fields).equals(Set.copyOf(otherFields));
    }

    public ConsistencyApplyBuilder toBuilder() {
        return ConsistencyApplyBuilder.builder(this);
    }
}
