package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.testing.TestCallers;

/** The funnel through the real schema, policy and error handler, with real query strings. */
class FunnelGraphqlTest {

    private static final String FUNNEL =
            """
            query Funnel($from: DateTime!, $to: DateTime!, $region: String, $ownerId: ID) {
              funnel(from: $from, to: $to, region: $region, ownerId: $ownerId) {
                ownerId region pipelineVersion
                stages { stage entered advanced won lost conversionRate averageDaysInStage medianDaysInStage }
              }
            }""";

    private final GraphqlFixture api = new GraphqlFixture();
    private final Map<String, String> rep = api.freshRep();
    private final Instant now = Instant.now();

    private JsonNode funnel(Map<String, String> caller, Instant from, Instant to, String owner) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("from", from.toString());
        variables.put("to", to.toString());
        variables.put("ownerId", owner);
        return api.run(caller, FUNNEL, variables);
    }

    private void dealMovedOnce() {
        String customerId =
                api.run(
                                rep,
                                "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                                Map.of(
                                        "in",
                                        Map.of(
                                                "name",
                                                "Funnel Co",
                                                "phone",
                                                TestCallers.uniqueMobile())))
                        .at("/data/createCustomer/id")
                        .asText();
        String dealId =
                api.run(
                                rep,
                                "mutation($in: CreateDealInput!) { createDeal(input: $in) { id } }",
                                Map.of("in", Map.of("customerId", customerId, "title", "Pilot")))
                        .at("/data/createDeal/id")
                        .asText();
        api.run(
                rep,
                "mutation($id: ID!) { moveDeal(id: $id, expectedVersion: 1, toStage: CONTACTED) { id } }",
                Map.of("id", dealId));
    }

    @Test
    void aRepsFunnel_countsTheirDeal_inEveryStageItEntered_withRatesAsDecimalStrings() {
        // GIVEN a rep's deal moved from NEW to CONTACTED
        dealMovedOnce();

        // WHEN the rep asks for today's funnel without naming an owner
        JsonNode result =
                funnel(rep, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)), null);

        // THEN it is their own, NEW entered once and advanced once, CONTACTED entered once
        JsonNode answer = result.at("/data/funnel");
        assertEquals(rep.get("sub"), answer.at("/ownerId").asText(), result.toString());
        JsonNode first = answer.at("/stages/0");
        assertEquals("NEW", first.at("/stage").asText());
        assertEquals(1, first.at("/entered").asInt());
        assertEquals(1, first.at("/advanced").asInt());
        assertEquals("1.0000", first.at("/conversionRate").asText());
        assertTrue(first.at("/conversionRate").isTextual(), "rates cross as decimal strings");
        JsonNode second = answer.at("/stages/1");
        assertEquals("CONTACTED", second.at("/stage").asText());
        assertEquals(1, second.at("/entered").asInt());
        assertEquals(0, second.at("/advanced").asInt());
        assertTrue(second.at("/averageDaysInStage").isNull(), "no stay in CONTACTED has ended");
    }

    @Test
    void aRepAskingForAnotherOwnersFunnel_isForbidden() {
        JsonNode result =
                funnel(rep, now.minus(Duration.ofDays(1)), now, "rep-" + UUID.randomUUID());

        assertEquals(
                "FORBIDDEN", result.at("/errors/0/extensions/code").asText(), result.toString());
    }

    @Test
    void customerService_mayNotAskForAFunnel() {
        Map<String, String> agent =
                api.claims("cs-" + UUID.randomUUID(), "CUSTOMER_SERVICE", "east");

        JsonNode result = funnel(agent, now.minus(Duration.ofDays(1)), now, null);

        assertEquals(
                "FORBIDDEN", result.at("/errors/0/extensions/code").asText(), result.toString());
    }

    @Test
    void aPeriodEndingBeforeItStarts_orLongerThan366Days_isBadInput_withFieldRuleAndLimit() {
        JsonNode backwards = funnel(rep, now, now.minus(Duration.ofDays(1)), null);
        JsonNode tooLong = funnel(rep, now.minus(Duration.ofDays(367)), now, null);

        JsonNode error = backwards.at("/errors/0/extensions");
        assertEquals("BAD_USER_INPUT", error.at("/code").asText(), backwards.toString());
        assertEquals("to", error.at("/field").asText());
        assertEquals("after", error.at("/rule").asText());
        JsonNode span = tooLong.at("/errors/0/extensions");
        assertEquals("BAD_USER_INPUT", span.at("/code").asText(), tooLong.toString());
        assertEquals("to", span.at("/field").asText());
        assertEquals("maxSpanDays", span.at("/rule").asText());
        assertEquals(366, span.at("/limit").asInt());
    }
}
