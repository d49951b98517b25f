package org.opencrm.core.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealProgress;
import org.opencrm.core.deal.DealStage;

/** R-16's 72 h rule and choice of deal: pure, no I/O. */
class AutoMoveRuleTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void theWindow_isClosedUntil72HoursAfterTheClaim_andOpenFromThen() {
        // GIVEN a claim made now with the default 72 h
        Instant end = AutoMoveRule.windowEnd(NOW, 72);

        // THEN one second before 72 h it is still closed; at 72 h it is over
        assertFalse(AutoMoveRule.isOver(end, NOW.plus(Duration.ofDays(3)).minusSeconds(1)));
        assertTrue(AutoMoveRule.isOver(end, NOW.plus(Duration.ofDays(3))));
        assertFalse(AutoMoveRule.isOver(end, NOW.plus(Duration.ofHours(71))));
    }

    @Test
    void withSeveralContactedDeals_theOneLongestInContactedMoves() {
        Deal older = deal("b", DealStage.CONTACTED, NOW.minus(Duration.ofDays(3)));
        Deal newer = deal("a", DealStage.CONTACTED, NOW.minus(Duration.ofDays(1)));
        Deal further = deal("c", DealStage.DEMO, NOW.minus(Duration.ofDays(9)));

        assertEquals(Optional.of(older), AutoMoveRule.target(List.of(newer, further, older)));
    }

    @Test
    void aTieInEntryTime_isBrokenById_soTheChoiceDoesNotDependOnOrder() {
        Deal first = deal("a", DealStage.CONTACTED, NOW);
        Deal second = deal("b", DealStage.CONTACTED, NOW);

        assertEquals(Optional.of(first), AutoMoveRule.target(List.of(second, first)));
        assertEquals(Optional.of(first), AutoMoveRule.target(List.of(first, second)));
    }

    @Test
    void noDealInContacted_movesNothing() {
        assertEquals(
                Optional.empty(),
                AutoMoveRule.target(
                        List.of(deal("a", DealStage.NEW, NOW), deal("b", DealStage.DEMO, NOW))));
    }

    private static Deal deal(String id, DealStage stage, Instant enteredAt) {
        return Deal.builder()
                .id(id)
                .version(1)
                .customerId("c")
                .ownerId("rep")
                .progress(DealProgress.start(stage, enteredAt))
                .createdAt(enteredAt)
                .updatedAt(enteredAt)
                .build();
    }
}
