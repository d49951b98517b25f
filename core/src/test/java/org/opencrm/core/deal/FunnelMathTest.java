package org.opencrm.core.deal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.deal.FunnelMath.FunnelStage;

class FunnelMathTest {

    private static final Pipeline PIPELINE = Pipeline.defaults();
    private static final Instant T0 = Instant.parse("2026-11-02T01:00:00Z");

    private static DealProgress moved(DealProgress progress, DealStage to, long afterDays) {
        return progress.move(PIPELINE, to, T0.plus(Duration.ofDays(afterDays))).progress();
    }

    private static FunnelStage stage(List<FunnelStage> funnel, DealStage id) {
        return funnel.stream().filter(stage -> stage.stage() == id).findFirst().orElseThrow();
    }

    @Test
    void threeDeals_giveEnteredAdvancedWonLost_andDaysOfTheStaysThatEnded() {
        // GIVEN a deal won after 1 day in NEW, one lost in CONTACTED after 3 days in NEW, and one
        // still in NEW
        DealProgress won = moved(DealProgress.start(DealStage.NEW, T0), DealStage.CONTACTED, 1);
        won = moved(won, DealStage.SIGNED, 2);
        DealProgress lost = moved(DealProgress.start(DealStage.NEW, T0), DealStage.CONTACTED, 3);
        lost = moved(lost, DealStage.LOST, 5);
        DealProgress waiting = DealProgress.start(DealStage.NEW, T0);
        List<StageEntry> entries = new ArrayList<>();
        entries.addAll(StageEntry.of("won", won, PIPELINE));
        entries.addAll(StageEntry.of("lost", lost, PIPELINE));
        entries.addAll(StageEntry.of("waiting", waiting, PIPELINE));

        // WHEN
        List<FunnelStage> funnel = FunnelMath.compute(PIPELINE, entries);

        // THEN NEW: 3 entered, 2 moved on (1 and 3 days: average 2, median 2)
        FunnelStage fresh = stage(funnel, DealStage.NEW);
        assertEquals(3, fresh.entered());
        assertEquals(2, fresh.advanced());
        assertEquals(1, fresh.won());
        assertEquals(0, fresh.lost());
        assertEquals(new BigDecimal("0.6667"), fresh.conversionRate());
        assertEquals(new BigDecimal("2.00"), fresh.averageDaysInStage());
        assertEquals(new BigDecimal("2.00"), fresh.medianDaysInStage());
        // CONTACTED: 2 entered, 1 won, 1 lost there; stays of 1 and 2 days
        FunnelStage contacted = stage(funnel, DealStage.CONTACTED);
        assertEquals(2, contacted.entered());
        assertEquals(1, contacted.advanced());
        assertEquals(1, contacted.lost());
        assertEquals(new BigDecimal("1.50"), contacted.medianDaysInStage());
        // SIGNED: the won deal; no stay in it ends, so no days
        FunnelStage signed = stage(funnel, DealStage.SIGNED);
        assertEquals(1, signed.entered());
        assertEquals(1, signed.won());
        assertNull(signed.averageDaysInStage());
        // stages nobody entered are listed with zeros, LOST is not a funnel stage
        assertEquals(0, stage(funnel, DealStage.DEMO).entered());
        assertNull(stage(funnel, DealStage.DEMO).conversionRate());
        assertEquals(7, funnel.size());
    }

    @Test
    void aDealThatGoesBackAndForth_isOneEntryPerStage_withItsTimeSummed() {
        DealProgress progress = DealProgress.start(DealStage.NEW, T0);
        progress = moved(progress, DealStage.CONTACTED, 1);
        progress = moved(progress, DealStage.NEW, 2);
        progress = moved(progress, DealStage.CONTACTED, 4);

        List<StageEntry> entries = StageEntry.of("d", progress, PIPELINE);

        assertEquals(2, entries.size());
        StageEntry fresh =
                entries.stream().filter(e -> e.stage() == DealStage.NEW).findFirst().orElseThrow();
        assertEquals(T0, fresh.firstEnteredAt());
        assertEquals(Duration.ofDays(3).toSeconds(), fresh.secondsInStage());
        assertEquals(true, fresh.advanced());
    }
}
