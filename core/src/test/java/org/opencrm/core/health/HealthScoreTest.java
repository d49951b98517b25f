package org.opencrm.core.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerFields;
import org.opencrm.core.customer.CustomerLevel;
import org.opencrm.core.customer.CustomerStage;
import org.opencrm.core.error.FieldProblem;

/** R-26's rule without I/O: each component, its explanation, and the thresholds at their edges. */
class HealthScoreTest {

    private static final HealthRules RULES = HealthRules.defaults();
    private static final Instant NOW = Instant.parse("2026-12-01T02:00:00Z");

    private static Customer customer(CustomerFields fields, Map<String, String> externalIds) {
        return Customer.builder()
                .id("c1")
                .fields(fields)
                .ownerId("rep-1")
                .createdAt(NOW.minus(Duration.ofDays(200)))
                .updatedAt(NOW.minus(Duration.ofDays(200)))
                .externalIds(externalIds)
                .build();
    }

    private static CustomerFields nameAndEmail(String email) {
        return CustomerFields.builder().name("张三").email(email).stage(CustomerStage.NEW).build();
    }

    private static CustomerFields complete() {
        return CustomerFields.builder()
                .name("华为技术有限公司")
                .phone("+8613800138000")
                .email("buyer@huawei.com")
                .wechatId("hw-buyer")
                .region("华南")
                .level(CustomerLevel.A)
                .stage(CustomerStage.NEW)
                .build();
    }

    private static HealthComponent component(Health health, String name) {
        return health.components().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aNameAndAFreeMailAddressOnly_scoresBelowSixty_withEachComponentExplained() {
        // GIVEN only a name and a qq.com address, nothing ever done with the customer
        Customer poor = customer(nameAndEmail("zhangsan@qq.com"), Map.of());

        // WHEN scored
        Health health = HealthScore.of(poor, Touches.NONE, RULES);

        // THEN it is below the observation line, and each component says why
        assertTrue(health.score() < 60, "score " + health.score());
        assertTrue(HealthScore.observed(health.score(), RULES));
        assertEquals(
                List.of(HealthScore.COMPLETENESS, HealthScore.ACTIVITY, HealthScore.CREDIBILITY),
                health.components().stream().map(HealthComponent::name).toList());
        assertEquals(
                "completeness 11/40: name, email; missing phone, WeChat id, region, level,"
                        + " external id",
                component(health, HealthScore.COMPLETENESS).explanation());
        assertEquals(
                "activity 0/30: 0 activities, 0 deals, 0 tickets in the last 6 months (6 for full"
                        + " marks); none ever",
                component(health, HealthScore.ACTIVITY).explanation());
        assertEquals(
                "credibility 0/30: free-mail email (qq.com); no mobile; no verified external id",
                component(health, HealthScore.CREDIBILITY).explanation());
        assertEquals(11, health.score());
    }

    @Test
    void aCompleteCredibleActiveCustomer_scoresOneHundred() {
        Customer good = customer(complete(), Map.of("ERP", "E-1"));
        Touches busy = new Touches(4, 1, 1, NOW.minus(Duration.ofDays(3)));

        Health health = HealthScore.of(good, busy, RULES);

        assertEquals(100, health.score());
        assertEquals(
                "completeness 40/40: name, phone, email, WeChat id, region, level, external id;"
                        + " nothing missing",
                component(health, HealthScore.COMPLETENESS).explanation());
        assertEquals(
                "credibility 30/30: company email (huawei.com); valid mainland mobile; external id"
                        + " verified by ERP",
                component(health, HealthScore.CREDIBILITY).explanation());
    }

    @Test
    void activity_growsWithTouches_andStopsAtTheTarget() {
        assertEquals(15, HealthScore.activity(new Touches(2, 1, 0, NOW), RULES).score());
        assertEquals(30, HealthScore.activity(new Touches(9, 4, 2, NOW), RULES).score());
    }

    @Test
    void tickets_countAsActivity_whenTheTicketsSourceAddsThem() {
        Touches withTickets = Touches.NONE.withTickets(3, NOW.minus(Duration.ofDays(1)));

        HealthComponent activity = HealthScore.activity(withTickets, RULES);

        assertEquals(15, activity.score());
        assertTrue(activity.explanation().contains("3 tickets"), activity.explanation());
    }

    @Test
    void aNameOnly_isExplainedAsNameOnly() {
        Customer wechatOnly =
                customer(
                        CustomerFields.builder()
                                .name("李四")
                                .wechatId("   ")
                                .stage(CustomerStage.NEW)
                                .build(),
                        Map.of());

        HealthComponent completeness = HealthScore.completeness(wechatOnly, RULES);

        assertEquals(5, completeness.score());
        assertTrue(
                completeness.explanation().startsWith("completeness 5/40: name only; missing "),
                completeness.explanation());
    }

    @Test
    void aLandline_isNoMobile_andAFreeMailDomainMatchesWhateverItsCase() {
        Customer landline =
                customer(
                        CustomerFields.builder()
                                .name("王五")
                                .phone("+862088886666")
                                .email("wangwu@Gmail.COM")
                                .stage(CustomerStage.NEW)
                                .build(),
                        Map.of());

        HealthComponent credibility = HealthScore.credibility(landline, RULES);

        assertEquals(0, credibility.score());
        assertEquals(
                "credibility 0/30: free-mail email (gmail.com); phone is not a mainland mobile;"
                        + " no verified external id",
                credibility.explanation());
    }

    @Test
    void archiveDue_needsBothALowScoreAndNinetyQuietDays() {
        Customer poor = customer(nameAndEmail("a@qq.com"), Map.of());
        Health low = new Health(29, List.of());
        Health atLine = new Health(30, List.of());
        Touches quiet = new Touches(0, 0, 0, NOW.minus(Duration.ofDays(90)));
        Touches recent = new Touches(1, 0, 0, NOW.minus(Duration.ofDays(89)));

        assertTrue(HealthScore.archiveDue(poor, low, quiet, RULES, NOW));
        assertFalse(HealthScore.archiveDue(poor, atLine, quiet, RULES, NOW));
        assertFalse(HealthScore.archiveDue(poor, low, recent, RULES, NOW));
        assertFalse(
                HealthScore.archiveDue(
                        poor.withArchived(true, "manual", NOW), low, quiet, RULES, NOW));
    }

    @Test
    void archiveDue_countsFromCreation_whenNothingWasEverDone() {
        Customer fresh =
                customer(nameAndEmail("a@qq.com"), Map.of()).toBuilder()
                        .createdAt(NOW.minus(Duration.ofDays(10)))
                        .build();

        assertFalse(
                HealthScore.archiveDue(fresh, new Health(5, List.of()), Touches.NONE, RULES, NOW));
    }

    @Test
    void rules_refusePointsThatDoNotAddUpToOneHundred() {
        HealthRules skewed = RULES.toBuilder().completenessMax(50).build();

        List<FieldProblem> problems = HealthRules.problems(skewed);

        assertEquals(1, problems.size());
        assertEquals("pointsAddUpTo100", problems.get(0).rule());
        assertEquals(ConfigDefinition.FIELD, problems.get(0).field());
    }

    @Test
    void rules_refuseAnArchiveLineAboveTheObservationLine() {
        HealthRules inverted = RULES.toBuilder().observationBelow(50).archiveBelow(55).build();

        assertEquals(
                List.of("atMostObservationBelow"),
                HealthRules.problems(inverted).stream().map(FieldProblem::rule).toList());
    }
}
