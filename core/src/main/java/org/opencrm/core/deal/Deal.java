package org.opencrm.core.deal;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.opencrm.core.access.Ownership;

/**
 * A deal (商机): one opportunity with one customer, moving through the {@link Pipeline}. A customer
 * may have many. Owner, team and region are the customer's when the deal is created, so row scope
 * treats a deal like its customer.
 *
 * @param version the stored version (0 for a deal not written yet)
 * @param goldenId the customer's golden id, for systems that know customers by it
 * @param amountFen the amount in fen, or null when not known yet
 * @param grossMarginPercent whole percent 0-100, or null when not known yet
 * @param progress the stage, since when, and how the deal got there
 * @param lostReasonId for a lost deal, one of {@code dealLostReasons}
 * @param stale whether the stale sweep flagged the deal in its current stage
 * @param snoozedUntil no stale flag before this time, set by the owner or their manager
 */
@RecordBuilder
public record Deal(
        String id,
        long version,
        String customerId,
        String goldenId,
        String title,
        Long amountFen,
        LocalDate expectedCloseDate,
        Integer grossMarginPercent,
        String nextStep,
        String ownerId,
        String team,
        String region,
        DealProgress progress,
        String lostReasonId,
        boolean stale,
        Instant snoozedUntil,
        String snoozeReason,
        Instant createdAt,
        Instant updatedAt) {

    public Deal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(createdAt, "createdAt");
        updatedAt = updatedAt == null ? createdAt : updatedAt;
    }

    public static DealBuilder builder() {
        return DealBuilder.builder();
    }

    public DealBuilder toBuilder() {
        return DealBuilder.builder(this);
    }

    public DealStage stage() {
        return progress.stage();
    }

    public Ownership ownership() {
        return new Ownership(ownerId, team, region, null);
    }

    /** When the deal goes stale in its stage, or null when it cannot (see {@link DealProgress}). */
    public Instant staleAt(Pipeline pipeline) {
        return progress.staleAt(pipeline, snoozedUntil);
    }
}
