package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.opencrm.infra.TestSupport;

/**
 * Issue 15's idle-rep done-when in the local cloud: a rep idle for 5 working days on the
 * local clock is reported to their team lead exactly once by the hourly RepIdleSweepFunction, a
 * repeated sweep sends nothing, and after new work and another idle stretch they are reported
 * again.
 */
class RepIdleEndToEndTest extends LocalCloudEndToEnd {

    private static final String MOVE =
            "mutation($id: ID!, $v: Int!, $to: DealStage!) { moveDeal(id: $id, expectedVersion: $v,"
                    + " toStage: $to) { id version stage } }";

    /** Tokens are minted on each use: the local clock moves days ahead, past older tokens. */
    private static String tokenOf(String userId, String role, String region, String team) {
        return new ApiClient(cloud)
                .tokenOf(
                        new org.opencrm.infra.auth.DemoOrg.DemoUser(
                                userId,
                                "User " + userId,
                                role,
                                java.util.Optional.of(region),
                                java.util.Optional.of(team),
                                java.util.Optional.empty()));
    }

    private static void fireTheIdleSweep() {
        assertEquals(
                200,
                TestSupport.post(cloud, "/_local/schedules/RepIdleSweepFunction/fire", "", Map.of())
                        .statusCode());
    }

    private static void advance(String duration) {
        assertEquals(
                200,
                TestSupport.post(cloud, "/_local/clock/advance?by=" + duration, "", Map.of())
                        .statusCode());
    }

    /** The lead's REP_IDLE notifications about the rep, read through the API. */
    private static List<JsonNode> idleNotices(String leadToken, String repId) {
        JsonNode edges =
                api.data(
                                leadToken,
                                "{ notifications(first: 100) { edges { node { id kind payload } } } }",
                                Map.of())
                        .at("/notifications/edges");
        return StreamSupport.stream(edges.spliterator(), false)
                .map(edge -> edge.get("node"))
                .filter(node -> "REP_IDLE".equals(node.at("/kind").asText()))
                .filter(node -> node.at("/payload").toString().contains(repId))
                .toList();
    }

    private static JsonNode move(String repToken, JsonNode deal, String toStage) {
        return api.data(
                        repToken,
                        MOVE,
                        Map.of(
                                "id", deal.at("/id").asText(),
                                "v", deal.at("/version").asInt(),
                                "to", toStage))
                .at("/moveDeal");
    }

    @Test
    void aRepIdleForFiveWorkingDays_isReportedToTheirTeamLeadOnce_andAgainAfterTheNextStretch() {
        // GIVEN a rep reporting to a team lead, who moves a new deal by hand (their activity)
        ApiClient admin = new ApiClient(cloud);
        String region = ApiClient.unique("idle-region");
        String team = ApiClient.unique("idle-team");
        String leadId = ApiClient.unique("idle-lead");
        admin.createUser(leadId, "TEAM_LEAD", region, team, null);
        String repId = ApiClient.unique("idle-rep");
        admin.createUser(repId, "SALES_REP", region, team, leadId);
        String customerId =
                api.data(
                                tokenOf(repId, "SALES_REP", region, team),
                                "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                                Map.of(
                                        "in",
                                        Map.of(
                                                "name",
                                                ApiClient.unique("Idle Co"),
                                                "phone",
                                                ApiClient.uniqueMobile())))
                        .at("/createCustomer/id")
                        .asText();
        JsonNode deal =
                api.data(
                                tokenOf(repId, "SALES_REP", region, team),
                                "mutation($in: CreateDealInput!) { createDeal(input: $in) { id version } }",
                                Map.of(
                                        "in",
                                        Map.of("customerId", customerId, "title", "Idle deal")))
                        .at("/createDeal");
        JsonNode contacted = move(tokenOf(repId, "SALES_REP", region, team), deal, "CONTACTED");
        fireTheIdleSweep();
        List<JsonNode> onDayZero = idleNotices(tokenOf(leadId, "TEAM_LEAD", region, team), repId);

        // WHEN 8 days pass on the local clock (at least 5 working days) and the sweep fires
        advance("P8D");
        fireTheIdleSweep();

        // THEN the team lead has exactly one REP_IDLE about the rep
        assertTrue(onDayZero.isEmpty(), onDayZero.toString());
        List<JsonNode> told = idleNotices(tokenOf(leadId, "TEAM_LEAD", region, team), repId);
        assertEquals(1, told.size(), told.toString());
        assertEquals(repId, told.get(0).at("/payload/userId").asText());

        // WHEN the sweep fires again
        fireTheIdleSweep();

        // THEN nothing more is sent
        assertEquals(1, idleNotices(tokenOf(leadId, "TEAM_LEAD", region, team), repId).size());

        // WHEN the rep works again, then is idle for another 8 days
        move(tokenOf(repId, "SALES_REP", region, team), contacted, "NEEDS_CONFIRMED");
        advance("P8D");
        fireTheIdleSweep();

        // THEN the new stretch is reported: two in all
        assertEquals(2, idleNotices(tokenOf(leadId, "TEAM_LEAD", region, team), repId).size());
    }
}
