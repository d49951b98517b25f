package org.opencrm.core.deal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencrm.core.deal.StageMachine.LostReasonChoice;

class StageMachineTest {

    private static final Pipeline DEFAULTS = Pipeline.defaults();
    private static final LostReasonChoice NO_REASON = new LostReasonChoice(null, List.of("PRICE"));

    private static DealFacts inStage(
            DealStage stage, Map<String, Object> fields, Set<String> kinds) {
        return new DealFacts(stage, null, fields, kinds);
    }

    private static List<String> unmetRules(List<RequirementCheck> checks) {
        return StageMachine.unmet(checks).stream().map(RequirementCheck::rule).toList();
    }

    @Test
    void contractApproval_withMargin30AndNoLegalOpinion_listsBothUnmetRequirements() {
        DealFacts deal =
                inStage(
                        DealStage.NEGOTIATION,
                        Map.of("amount", 100_000_00L, "grossMarginPercent", 30),
                        Set.of());

        List<RequirementCheck> checks =
                StageMachine.check(DEFAULTS, deal, DealStage.CONTRACT_APPROVAL, NO_REASON);

        List<RequirementCheck> unmet = StageMachine.unmet(checks);
        assertEquals(List.of("attachment", "atLeast"), unmetRules(checks));
        assertEquals("LEGAL_OPINION", unmet.get(0).limit());
        assertEquals("grossMarginPercent", unmet.get(1).field());
        assertEquals(35L, unmet.get(1).limit());
        assertEquals("needs grossMarginPercent >= 35, is 30", unmet.get(1).message());
    }

    @Test
    void contractApproval_withMargin40AndALegalOpinion_isAllowed() {
        DealFacts deal =
                inStage(
                        DealStage.NEGOTIATION,
                        Map.of("grossMarginPercent", 40),
                        Set.of("LEGAL_OPINION", "OTHER"));

        List<RequirementCheck> checks =
                StageMachine.check(DEFAULTS, deal, DealStage.CONTRACT_APPROVAL, NO_REASON);

        assertTrue(StageMachine.unmet(checks).isEmpty(), checks.toString());
        assertEquals(3, checks.size());
    }

    @Test
    void skippingForward_stillNeedsTheSkippedStagesEvidence() {
        DealFacts deal = inStage(DealStage.NEW, Map.of("grossMarginPercent", 50), Set.of());

        List<RequirementCheck> checks =
                StageMachine.check(DEFAULTS, deal, DealStage.CONTRACT_APPROVAL, NO_REASON);

        // NEGOTIATION's amount, then CONTRACT_APPROVAL's legal opinion
        assertEquals(List.of("present", "attachment"), unmetRules(checks));
    }

    @Test
    void noSkip_refusesAJumpOverAStage_evenWithAllEvidence() {
        Pipeline noSkip = new Pipeline(DEFAULTS.stages(), true, false);
        DealFacts deal = inStage(DealStage.NEW, Map.of(), Set.of());

        List<RequirementCheck> checks =
                StageMachine.check(noSkip, deal, DealStage.NEEDS_CONFIRMED, NO_REASON);

        assertEquals(List.of("noSkip"), unmetRules(checks));
        assertTrue(
                StageMachine.unmet(StageMachine.check(noSkip, deal, DealStage.CONTACTED, NO_REASON))
                        .isEmpty());
    }

    @Test
    void backwards_goesOneStepOnly_andNotAtAllWithNoBackwards() {
        DealFacts deal = inStage(DealStage.DEMO, Map.of(), Set.of());

        assertTrue(
                StageMachine.unmet(
                                StageMachine.check(
                                        DEFAULTS, deal, DealStage.NEEDS_CONFIRMED, NO_REASON))
                        .isEmpty());
        assertEquals(
                List.of("backOneStep"),
                unmetRules(StageMachine.check(DEFAULTS, deal, DealStage.NEW, NO_REASON)));
        Pipeline noBackwards = new Pipeline(DEFAULTS.stages(), false, true);
        assertEquals(
                List.of("noBackwards"),
                unmetRules(
                        StageMachine.check(
                                noBackwards, deal, DealStage.NEEDS_CONFIRMED, NO_REASON)));
    }

    @Test
    void lost_fromAnyOpenStage_needsAConfiguredReason() {
        DealFacts deal = inStage(DealStage.CONTACTED, Map.of(), Set.of());

        assertEquals(
                List.of("allowedReason"),
                unmetRules(StageMachine.check(DEFAULTS, deal, DealStage.LOST, NO_REASON)));
        assertEquals(
                List.of("allowedReason"),
                unmetRules(
                        StageMachine.check(
                                DEFAULTS,
                                deal,
                                DealStage.LOST,
                                new LostReasonChoice("MADE_UP", List.of("PRICE")))));
        assertTrue(
                StageMachine.unmet(
                                StageMachine.check(
                                        DEFAULTS,
                                        deal,
                                        DealStage.LOST,
                                        new LostReasonChoice("PRICE", List.of("PRICE"))))
                        .isEmpty());
    }

    @Test
    void aWonDeal_isClosed_andALostOneReopensOnlyWhereItWasLost() {
        DealFacts won = inStage(DealStage.SIGNED, Map.of(), Set.of());
        DealFacts lost = new DealFacts(DealStage.LOST, DealStage.DEMO, Map.of(), Set.of());

        assertEquals(
                List.of("closedWon"),
                unmetRules(StageMachine.check(DEFAULTS, won, DealStage.LOST, NO_REASON)));
        assertEquals(
                List.of("reopenWhereLost"),
                unmetRules(StageMachine.check(DEFAULTS, lost, DealStage.NEW, NO_REASON)));
        assertTrue(
                StageMachine.unmet(StageMachine.check(DEFAULTS, lost, DealStage.DEMO, NO_REASON))
                        .isEmpty());
    }

    @Test
    void aMoveToTheSameStage_orOneThePipelineLacks_isRefused() {
        Pipeline withoutDemo =
                new Pipeline(
                        DEFAULTS.stages().stream()
                                .filter(stage -> stage.id() != DealStage.DEMO)
                                .toList(),
                        false,
                        false);
        DealFacts deal = inStage(DealStage.CONTACTED, Map.of(), Set.of());

        assertEquals(
                List.of("differentStage"),
                unmetRules(StageMachine.check(DEFAULTS, deal, DealStage.CONTACTED, NO_REASON)));
        assertEquals(
                List.of("stageInPipeline"),
                unmetRules(StageMachine.check(withoutDemo, deal, DealStage.DEMO, NO_REASON)));
    }
}
