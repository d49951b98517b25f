package org.opencrm.core.consistency;

import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A worker's lease on one of a report's long runs, the diff or the apply: a holder and an expiry
 * kept on the report's head item under the run's prefix ({@code diffLeaseHolder}, {@code
 * applyLeaseUntil}). One definition of how a run is claimed, renewed, held and given up, so the
 * diff and the apply cannot drift apart.
 *
 * <p>The expressions name attributes as {@code #name} (the store aliases every one) and read the
 * values {@code :holder}, {@code :until} and, to claim, {@code :now}.
 *
 * @param run the attribute prefix of the run
 * @param running the condition under which the run may be claimed at all
 * @param setOnClaim what a claim also sets (empty for nothing)
 * @param runValues the values {@code running} and {@code setOnClaim} read
 */
record ReportLease(
        String run, String running, String setOnClaim, Map<String, AttributeValue> runValues) {

    /**
     * How long a claim holds a report: longer than the inline budget and than any one chunk of the
     * diff or page of the apply (seconds), and renewed with every save, so a working worker keeps
     * it; a worker that died holds its report at most this long before the schedule's next run
     * continues it.
     */
    static final Duration TERM = Duration.ofSeconds(60);

    /** The diff: claimable while it has a phase (it is running). */
    static final ReportLease DIFF =
            new ReportLease("diff", "attribute_exists(#diffPhase)", "", Map.of());

    /** The apply: claimable while queued or running; claiming it makes it running. */
    static final ReportLease APPLY =
            new ReportLease(
                    "apply",
                    "#applyStatus IN (:queued, :running)",
                    "#applyStatus = :running",
                    Map.of(
                            ":queued", AttributeValue.fromS(ApplyStatus.QUEUED.name()),
                            ":running", AttributeValue.fromS(ApplyStatus.RUNNING.name())));

    /** The update a claim makes: the holder and its expiry, and what the run also sets. */
    String claim() {
        String take = holder() + " = :holder, " + renewal();
        return "SET " + (setOnClaim.isEmpty() ? take : setOnClaim + ", " + take);
    }

    /**
     * When a claim may be taken: the run is on, and nobody holds it or its holder's time ran out.
     */
    String claimable() {
        return running + " AND (attribute_not_exists(" + until() + ") OR " + until() + " < :now)";
    }

    /** The SET part that renews the lease with a save. */
    String renewal() {
        return until() + " = :until";
    }

    /** The condition of every save and of the give-up: the worker still holds the lease. */
    String heldBy() {
        return holder() + " = :holder";
    }

    /** The REMOVE part that gives the lease up. */
    String attributes() {
        return holder() + ", " + until();
    }

    private String holder() {
        return "#" + run + "LeaseHolder";
    }

    private String until() {
        return "#" + run + "LeaseUntil";
    }
}
