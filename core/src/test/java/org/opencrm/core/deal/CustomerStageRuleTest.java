package org.opencrm.core.deal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.customer.CustomerStage;

/** The customer's stage from its deals' stages: pure, no I/O. */
class CustomerStageRuleTest {

    private final Pipeline pipeline = Pipeline.defaults();

    @Test
    void customerStage_isNew_whenItHasNoDeals() {
        assertEquals(CustomerStage.NEW, CustomerStageRule.derive(pipeline, List.of()));
    }

    @Test
    void customerStage_isTheMostAdvancedOpenDealsStage_inPipelineOrder() {
        // GIVEN deals at CONTACTED, NEGOTIATION and DEMO, listed out of order, and one lost
        List<DealStage> stages =
                List.of(DealStage.CONTACTED, DealStage.NEGOTIATION, DealStage.LOST, DealStage.DEMO);

        // THEN the customer stands where its furthest open deal stands
        assertEquals(CustomerStage.NEGOTIATION, CustomerStageRule.derive(pipeline, stages));
    }

    @Test
    void customerStage_isSigned_whenAnyDealIsWon_evenWithOthersOpenOrLost() {
        List<DealStage> stages = List.of(DealStage.NEW, DealStage.SIGNED, DealStage.LOST);

        assertEquals(CustomerStage.SIGNED, CustomerStageRule.derive(pipeline, stages));
    }

    @Test
    void customerStage_isLost_onlyWhenEveryDealIsLost() {
        assertEquals(
                CustomerStage.LOST,
                CustomerStageRule.derive(pipeline, List.of(DealStage.LOST, DealStage.LOST)));
        assertEquals(
                CustomerStage.NEW,
                CustomerStageRule.derive(pipeline, List.of(DealStage.LOST, DealStage.NEW)));
    }
}
