package org.opencrm.core.leadwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencrm.core.access.Role;
import org.opencrm.core.lead.Assignment;
import org.opencrm.core.lead.LeadFields;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserStatus;

class AssignmentEngineTest {

    private static final AssignmentSettings DEFAULTS = AssignmentSettings.defaults();
    private static final Instant AT = Instant.parse("2026-11-23T08:00:00Z");

    @Test
    void terms_followR11Defaults_websiteBudgetAndInteractions() {
        LeadFields fields = fields(new BigDecimal("600000"), 3);

        List<Assignment.Term> terms =
                AssignmentEngine.terms(facts("website", fields, 1.0), DEFAULTS);

        assertEquals(
                List.of(
                        new Assignment.Term("source:website", 100),
                        new Assignment.Term("budget>500000", 50),
                        new Assignment.Term("interactions30d>=3", 30)),
                terms);
    }

    @Test
    void terms_giveOtherSourcesForty_andNoBonusAtTheThresholds() {
        List<Assignment.Term> terms =
                AssignmentEngine.terms(
                        facts("referral", fields(new BigDecimal("500000"), 2), 1.0), DEFAULTS);

        assertEquals(List.of(new Assignment.Term("source:referral", 40)), terms);
    }

    @Test
    void terms_cutARedLeadsWeight_byItsFactor() {
        List<Assignment.Term> terms =
                AssignmentEngine.terms(facts("douyin", fields(null, null), 0.7), DEFAULTS);

        assertEquals(
                85 * 0.7, terms.stream().mapToDouble(Assignment.Term::contribution).sum(), 1e-9);
    }

    @Test
    void decide_picksTheBestScore_afterDecayWeighsEachRepsLoad() {
        // 100 - 0.8 x 10 = 92 beats 100 - 0.95 x 9 = 91.45
        AssignmentEngine.Rep lead =
                new AssignmentEngine.Rep(rep("a-lead", 0.8, 50, UserStatus.ACTIVE), 10);
        AssignmentEngine.Rep hire =
                new AssignmentEngine.Rep(rep("b-hire", 0.95, 50, UserStatus.ACTIVE), 9);

        Assignment decision =
                AssignmentEngine.decide(
                        facts("website", fields(null, null), 1.0), List.of(hire, lead), DEFAULTS);

        assertEquals("a-lead", decision.ownerId());
        assertEquals(92.0, decision.score(), 1e-9);
        assertEquals(
                -8.0,
                decision.explanation().get(decision.explanation().size() - 1).contribution(),
                1e-9);
        // candidates are kept best first
        assertEquals(
                List.of("a-lead", "b-hire"),
                decision.candidates().stream().map(Assignment.Candidate::userId).toList());
        assertEquals(91.45, decision.candidates().get(1).score(), 1e-9);
    }

    @Test
    void decide_breaksTiesByLighterLoad_thenById() {
        AssignmentEngine.Rep b = new AssignmentEngine.Rep(rep("b", 1.0, 50, UserStatus.ACTIVE), 0);
        AssignmentEngine.Rep a = new AssignmentEngine.Rep(rep("a", 1.0, 50, UserStatus.ACTIVE), 0);

        assertEquals(
                "a",
                AssignmentEngine.decide(
                                facts("website", fields(null, null), 1.0), List.of(b, a), DEFAULTS)
                        .ownerId());
    }

    @Test
    void decide_excludesInactiveFullAndPreviouslyMissedReps_sayingWhy() {
        AssignmentEngine.Rep suspended =
                new AssignmentEngine.Rep(rep("s", 1.0, 50, UserStatus.SUSPENDED), 0);
        AssignmentEngine.Rep full =
                new AssignmentEngine.Rep(rep("f", 1.0, 5, UserStatus.ACTIVE), 5);
        AssignmentEngine.Rep missed =
                new AssignmentEngine.Rep(rep("m", 1.0, 50, UserStatus.ACTIVE), 0);
        AssignmentEngine.LeadFacts lead =
                new AssignmentEngine.LeadFacts("website", fields(null, null), 1.0, Set.of("m"));

        Assignment decision =
                AssignmentEngine.decide(lead, List.of(suspended, full, missed), DEFAULTS);

        assertNull(decision.ownerId());
        assertEquals(UnassignedReason.ALL_AT_CAPACITY.name(), decision.reason());
        assertEquals(
                List.of("NOT_ACTIVE", "AT_CAPACITY", "MISSED_SLA_ON_THIS_LEAD"),
                decision.candidates().stream().map(Assignment.Candidate::excludedBecause).toList());
    }

    @Test
    void decide_namesTheReason_whenNobodyWorksInTheRegion_orNobodyIsActive() {
        AssignmentEngine.LeadFacts lead = facts("website", fields(null, null), 1.0);
        AssignmentEngine.Rep left = new AssignmentEngine.Rep(rep("l", 1.0, 50, UserStatus.LEFT), 0);

        assertEquals(
                "NO_REP_IN_REGION", AssignmentEngine.decide(lead, List.of(), DEFAULTS).reason());
        assertEquals(
                "NO_ACTIVE_REPS", AssignmentEngine.decide(lead, List.of(left), DEFAULTS).reason());
    }

    @Test
    void decide_keepsAtMost50Candidates_bestFirst_soALargeRegionDoesNotOutgrowTheLead() {
        List<AssignmentEngine.Rep> many =
                java.util.stream.IntStream.range(0, 500)
                        .mapToObj(
                                i ->
                                        new AssignmentEngine.Rep(
                                                rep(
                                                        String.format("r%03d", i),
                                                        1.0,
                                                        50,
                                                        UserStatus.ACTIVE),
                                                i % 7))
                        .toList();

        Assignment decision =
                AssignmentEngine.decide(facts("website", fields(null, null), 1.0), many, DEFAULTS);

        assertEquals(50, decision.candidates().size());
        assertEquals(decision.ownerId(), decision.candidates().get(0).userId());
        assertEquals(100.0, decision.candidates().get(49).score(), 1e-9);
    }

    private static AssignmentEngine.LeadFacts facts(
            String channel, LeadFields fields, double factor) {
        return new AssignmentEngine.LeadFacts(channel, fields, factor, Set.of());
    }

    private static LeadFields fields(BigDecimal budget, Integer interactions) {
        return LeadFields.builder()
                .name("n")
                .phone("+8613800000000")
                .region("shenzhen")
                .budget(budget)
                .interactions30d(interactions)
                .build();
    }

    private static User rep(String id, double decay, int capacity, UserStatus status) {
        return User.builder()
                .id(id)
                .version(1)
                .name(id)
                .role(Role.SALES_REP)
                .region("shenzhen")
                .team("t")
                .status(status)
                .decay(decay)
                .capacity(capacity)
                .createdAt(AT)
                .updatedAt(AT)
                .build();
    }
}
