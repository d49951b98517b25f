package org.opencrm.core.consistency;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import org.opencrm.core.error.FieldProblem;

/**
 * A consistency diff of one export; its id is the upload's.
 *
 * @param system the system the export comes from
 * @param status RUNNING while rows are matched, then DONE or FAILED
 * @param total the export's rows, once read; 0 before
 * @param processed rows matched so far
 * @param failure why a FAILED report failed (a file refused for what it is)
 * @param appliedAt when an apply last finished (DONE); null before
 * @param lastApply the last apply asked for, pending or finished, with its counts; null before
 */
@RecordBuilder
public record ConsistencyReport(
        String id,
        String system,
        Status status,
        long total,
        long processed,
        Counts counts,
        FieldProblem failure,
        String createdBy,
        Instant createdAt,
        Instant finishedAt,
        Instant appliedAt,
        ConsistencyApply lastApply) {

    public enum Status {
        RUNNING,
        DONE,
        FAILED
    }

    /** How many records of each kind; missingThere counts customers, the rest export rows. */
    public record Counts(
            long matched, long missingHere, long missingThere, long mismatched, long duplicates) {

        public static final Counts NONE = new Counts(0, 0, 0, 0, 0);

        /** The counts of rows counted by kind (kinds without rows count 0). */
        public static Counts of(java.util.Map<RowKind, Long> by) {
            return new Counts(
                    by.getOrDefault(RowKind.MATCHED, 0L),
                    by.getOrDefault(RowKind.MISSING_HERE, 0L),
                    by.getOrDefault(RowKind.MISSING_THERE, 0L),
                    by.getOrDefault(RowKind.MISMATCH, 0L),
                    by.getOrDefault(RowKind.DUPLICATE, 0L));
        }
    }

    public static ConsistencyReportBuilder builder() {
        return ConsistencyReportBuilder.builder();
    }
}
