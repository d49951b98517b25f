package org.opencrm.graphql.deal;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealProgress;
import org.opencrm.core.deal.DealStage;
import org.opencrm.core.deal.Pipeline;

/**
 * A deal as the schema shows it; {@code amount} stays whole fen, the Money scalar writes it as a
 * two-place decimal string. {@code stageHistory} is fetched by a batch loader, not held here.
 */
@RecordBuilder
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
        return DealNodeBuilder.builder()
                .id(deal.id())
                .version(deal.version())
                .customerId(deal.customerId())
                .goldenId(deal.goldenId())
                .title(deal.title())
                .amount(deal.amountFen())
                .stage(deal.stage())
                .probability(progress.probabilityPercent(pipeline))
                .expectedCloseDate(
                        deal.expectedCloseDate() == null
                                ? null
                                : deal.expectedCloseDate().toString())
                .grossMarginPercent(deal.grossMarginPercent())
                .nextStep(deal.nextStep())
                .stale(deal.stale())
                .stageEnteredAt(progress.stageEnteredAt())
                .furthestStage(progress.furthestStage())
                .lostReasonId(deal.lostReasonId())
                .timeInStage(
                        progress.secondsInStage().entrySet().stream()
                                .sorted(Map.Entry.comparingByKey())
                                .map(entry -> new StageTime(entry.getKey(), entry.getValue()))
                                .toList())
                .closeDatePushes(progress.closeDatePushes())
                .snoozedUntil(deal.snoozedUntil())
                .snoozeReason(deal.snoozeReason())
                .ownerId(deal.ownerId())
                .team(deal.team())
                .region(deal.region())
                .createdAt(deal.createdAt())
                .updatedAt(deal.updatedAt())
                .build();
    }
}
