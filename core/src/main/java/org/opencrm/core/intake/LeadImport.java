package org.opencrm.core.intake;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.Objects;
import org.opencrm.core.error.FieldProblem;

/**
 * A CSV import job and its tally so far: a client polls it for a progress bar. Counts grow chunk by
 * chunk, each chunk counted exactly once.
 *
 * @param total data rows in the file
 * @param processed rows with an outcome so far: accepted + merged + quarantined
 * @param failure why a FAILED import's file was refused (charset, not CSV, too many rows...); null
 *     otherwise
 */
@RecordBuilder
public record LeadImport(
        String id,
        String channel,
        ImportStatus status,
        long total,
        long processed,
        long accepted,
        long merged,
        long quarantined,
        int chunks,
        int chunksDone,
        String createdBy,
        Instant createdAt,
        Instant finishedAt,
        FieldProblem failure) {

    public enum ImportStatus {
        /**
         * An upload was declared for the file and its object has not arrived (or is being checked):
         * no job exists yet, every count is 0.
         */
        WAITING_FOR_FILE,
        RUNNING,
        DONE,
        /** The file was refused as a whole; no row of it was imported. */
        FAILED
    }

    public LeadImport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    /** A new import job, every component named. */
    public static LeadImportBuilder builder() {
        return LeadImportBuilder.builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public LeadImportBuilder toBuilder() {
        return LeadImportBuilder.builder(this);
    }
}
