package org.opencrm.core.deal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DealProgressTest {

    private static final Pipeline PIPELINE = Pipeline.defaults();
    private static final Instant T0 = Instant.parse("2026-11-02T01:00:00Z");

    @Test
    void moves_addUpTheTimeSpentPerStage_andKeepTheFurthestStage() {
        DealProgress progress = DealProgress.start(DealStage.NEW, T0);

        DealProgress.Moved toDemo =
                progress.move(PIPELINE, DealStage.DEMO, T0.plus(Duration.ofHours(5)));
        DealProgress.Moved back =
                toDemo.progress()
                        .move(PIPELINE, DealStage.NEEDS_CONFIRMED, T0.plus(Duration.ofHours(8)));
        DealProgress.Moved again =
                back.progress().move(PIPELINE, DealStage.DEMO, T0.plus(Duration.ofHours(9)));
        DealProgress.Moved leftDemo =
                again.progress()
                        .move(PIPELINE, DealStage.NEGOTIATION, T0.plus(Duration.ofHours(11)));

        assertEquals(5 * 3600, toDemo.secondsInStageLeft());
        assertEquals(2 * 3600, leftDemo.secondsInStageLeft());
        assertEquals(
                Map.of(
                        DealStage.NEW, 5 * 3600L,
                        DealStage.DEMO, 5 * 3600L,
                        DealStage.NEEDS_CONFIRMED, 3600L),
                leftDemo.progress().secondsInStage());
        assertEquals(DealStage.NEGOTIATION, leftDemo.progress().furthestStage());
        assertEquals(T0.plus(Duration.ofHours(11)), leftDemo.progress().stageEnteredAt());
        assertEquals(60, leftDemo.progress().probabilityPercent(PIPELINE));
    }

    @Test
    void aLostDeal_remembersWhereItWasLost_andKeepsItsFurthestStage() {
        DealProgress demo = DealProgress.start(DealStage.NEW, T0);
        demo = demo.move(PIPELINE, DealStage.DEMO, T0.plusSeconds(60)).progress();

        DealProgress lost = demo.move(PIPELINE, DealStage.LOST, T0.plusSeconds(120)).progress();

        assertEquals(DealStage.DEMO, lost.lostIn());
        assertEquals(DealStage.DEMO, lost.furthestStage());
        assertEquals(0, lost.probabilityPercent(PIPELINE));
        assertNull(lost.move(PIPELINE, DealStage.DEMO, T0.plusSeconds(180)).progress().lostIn());
    }

    @Test
    void onlyALaterCloseDate_countsAsAPush() {
        DealProgress progress = DealProgress.start(DealStage.NEW, T0);
        LocalDate may = LocalDate.of(2027, 5, 1);

        progress = progress.closeDateChanged(null, may);
        progress = progress.closeDateChanged(may, may.plusMonths(1));
        progress = progress.closeDateChanged(may.plusMonths(1), may);
        progress = progress.closeDateChanged(may, may.plusDays(1));

        assertEquals(2, progress.closeDatePushes());
    }

    @Test
    void staleAt_isTheStagesDaysAfterEntry_orTheSnoozeWhenLater() {
        DealProgress negotiation =
                DealProgress.start(DealStage.NEW, T0)
                        .move(PIPELINE, DealStage.NEGOTIATION, T0)
                        .progress();
        Instant due = T0.plus(Duration.ofDays(14));

        assertEquals(due, negotiation.staleAt(PIPELINE, null));
        assertEquals(due, negotiation.staleAt(PIPELINE, T0.plus(Duration.ofDays(3))));
        assertEquals(
                due.plus(Duration.ofDays(2)),
                negotiation.staleAt(PIPELINE, due.plus(Duration.ofDays(2))));
        DealProgress signed =
                negotiation.move(PIPELINE, DealStage.SIGNED, T0.plusSeconds(5)).progress();
        assertNull(signed.staleAt(PIPELINE, null));
    }
}
