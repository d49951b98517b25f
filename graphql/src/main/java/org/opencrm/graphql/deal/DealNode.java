package org.opencrm.graphql.deal;

import java.time.Instant;
import java.util.List;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealProgress;
import org.opencrm.core.deal.DealStage;
import org.opencrm.core.deal.Pipeline;

/**
 * A deal as the schema shows it; {@code amount} stays whole fen, the Money scalar writes it as a
 * two-place decimal string. {@code stageHistory} is fetched by a batch loader, not held here.
 */
public record DealNode(
        String id,
        long version,
        String customerId,
        String goldenId,
        String title,
        Long amount,
        DealStage stage,
        int probability,
        String expectedCloseDate,
        Integer grossMarginPercent,
        String nextStep,
        boolean stale,
        Instant stageEnteredAt,
        DealStage furthestStage,
        String lostReasonId,
        List<StageTime> timeInStage,
        int closeDatePushes,
        Instant snoozedUntil,
        String snoozeReason,
        String ownerId,
        String team,
        String region,
        Instant createdAt,
        Instant updatedAt) {

    /** Seconds spent in one stage. */
    public record StageTime(DealStage stage, long seconds) {}

    public static DealNode of(Deal deal, Pipeline pipeline) {
        DealProgress progress = deal.progress();
        return new DealNode(
                deal.id(),
                deal.version(),
                deal.customerId(),
                deal.goldenId(),
                deal.title(),
                deal.amountFen(),
                deal.stage(),
                progress.probabilityPercent(pipeline),
                deal.expectedCloseDate() == null ? null : deal.expectedCloseDate().toString(),
                deal.grossMarginPercent(),
                deal.nextStep(),
                deal.stale(),
                progress.stageEnteredAt(),
                progress.furthestStage(),
                deal.lostReasonId(),
                progress.secondsInStage().entrySet().stream()
                        .sorted(java.util.Map.Entry.comparingByKey())
                        .map(entry -> new StageTime(entry.getKey(), entry.getValue()))
                        .toList(),
                progress.closeDatePushes(),
                deal.snoozedUntil(),
                deal.snoozeReason(),
                deal.ownerId(),
                deal.team(),
                deal.region(),
                deal.createdAt(),
                deal.updatedAt());
    }
}
