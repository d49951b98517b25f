package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.auth.DemoOrg.DemoUser;

/**
 * Issue 15's first done-when case in the local cloud, over real HTTP, the activities stream and the
 * follow-up schedule run by the local cloud from template.yaml: three follow-ups saying 先试试 /
 * 给个测试账号 / 下周安排 mark the customer high potential; a follow-up with 报价 moves the customer's
 * CONTACTED deal to NEEDS_CONFIRMED as AUTOMATIC, and a second one within 72 h moves nothing.
 */
class ActivityEndToEndTest extends LocalCloudEndToEnd {

    private static final String LOG =
            "mutation($in: ActivityInput!) { logActivity(input: $in) { id tags { tag matched } } }";
    private static final String DEAL =
            "query($id: ID!) { deal(id: $id) { id stage stageHistory { from to source reason } } }";

    /** A rep of a region and team of their own; tokens minted on each use (the clock moves). */
    private record Rep(DemoUser user) {

        String token() {
            return new ApiClient(cloud).tokenOf(user);
        }
    }

    private static Rep rep() {
        ApiClient client = new ApiClient(cloud);
        String region = ApiClient.unique("act-region");
        String team = ApiClient.unique("act-team");
        String id = ApiClient.unique("act-rep");
        client.createUser(id, "SALES_REP", region, team, null);
        return new Rep(
                new DemoUser(
                        id,
                        "User " + id,
                        "SALES_REP",
                        Optional.of(region),
                        Optional.of(team),
                        Optional.empty()));
    }

    private static String customer(String token) {
        return api.data(
                        token,
                        "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                        Map.of(
                                "in",
                                Map.of(
                                        "name", ApiClient.unique("Trial Co"),
                                        "phone", ApiClient.uniqueMobile())))
                .at("/createCustomer/id")
                .asText();
    }

    /** A new deal of the customer, moved to CONTACTED. */
    private static String contactedDeal(String token, String customerId) {
        JsonNode created =
                api.data(
                                token,
                                "mutation($in: CreateDealInput!) { createDeal(input: $in) { id version } }",
                                Map.of("in", Map.of("customerId", customerId, "title", "Pilot")))
                        .at("/createDeal");
        api.data(
                token,
                "mutation($id: ID!, $v: Int!) { moveDeal(id: $id, expectedVersion: $v, toStage:"
                        + " CONTACTED) { id } }",
                Map.of("id", created.at("/id").asText(), "v", created.at("/version").asInt()));
        return created.at("/id").asText();
    }

    private static JsonNode followUp(String token, String customerId, String body) {
        return api.data(
                        token,
                        LOG,
                        Map.of(
                                "in",
                                Map.of("customerId", customerId, "kind", "CALL", "body", body)))
                .at("/logActivity");
    }

    private static JsonNode deal(String token, String dealId) {
        return api.data(token, DEAL, Map.of("id", dealId)).at("/deal");
    }

    private static JsonNode customerMark(String token, String customerId) {
        return api.data(
                        token,
                        "query($id: ID!) { customer(id: $id) { highPotential highPotentialReason } }",
                        Map.of("id", customerId))
                .at("/customer");
    }

    private static List<JsonNode> autoMoveNotices(String token) {
        JsonNode edges =
                api.data(
                                token,
                                "{ notifications(first: 100) { edges { node { kind payload } } } }",
                                Map.of())
                        .at("/notifications/edges");
        return StreamSupport.stream(edges.spliterator(), false)
                .map(edge -> edge.get("node"))
                .filter(node -> "DEAL_AUTO_MOVED".equals(node.at("/kind").asText()))
                .toList();
    }

    @Test
    void trialFollowUps_markHighPotential_andAQuoteRequestMovesTheContactedDealOnceIn72Hours() {
        // GIVEN a rep's customer with two CONTACTED deals
        Rep rep = rep();
        String customerId = customer(rep.token());
        String first = contactedDeal(rep.token(), customerId);
        String second = contactedDeal(rep.token(), customerId);

        // WHEN two follow-ups say 先试试 and 给个测试账号
        followUp(rep.token(), customerId, "客户说想先试试");
        followUp(rep.token(), customerId, "能不能给个测试账号");

        // AND a follow-up asks for a quote
        JsonNode quote = followUp(rep.token(), customerId, "客户要一份报价");
        assertEquals("PRICE_INQUIRY", quote.at("/tags/0/tag").asText(), quote.toString());

        // THEN the deal longest in CONTACTED moves to NEEDS_CONFIRMED, AUTOMATIC, on 报价
        TestSupport.await(
                "the automatic move",
                () -> "NEEDS_CONFIRMED".equals(deal(rep.token(), first).at("/stage").asText()));
        JsonNode moved = deal(rep.token(), first).at("/stageHistory/0");
        assertEquals("AUTOMATIC", moved.at("/source").asText(), moved.toString());
        assertEquals("CONTACTED", moved.at("/from").asText());
        assertEquals("报价", moved.at("/reason").asText());
        // and the customer is not high potential on two trial follow-ups
        assertFalse(customerMark(rep.token(), customerId).at("/highPotential").asBoolean());

        // WHEN, a day later (within 72 h), a third trial follow-up asks for a quote again
        TestSupport.post(cloud, "/_local/clock/advance?by=P1D", "", Map.of());
        followUp(rep.token(), customerId, "下周安排演示，再发一次报价");

        // THEN the customer is high potential, the reason naming the three matched texts
        TestSupport.await(
                "the high-potential mark",
                () -> customerMark(rep.token(), customerId).at("/highPotential").asBoolean());
        String reason = customerMark(rep.token(), customerId).at("/highPotentialReason").asText();
        assertTrue(
                reason.contains("先试试") && reason.contains("给个测试账号") && reason.contains("下周安排"),
                reason);
        // AND the second quote request moved nothing (the reactor decides a record's move before
        // its mark): the other deal is still CONTACTED, and the owner was told once
        assertEquals("CONTACTED", deal(rep.token(), second).at("/stage").asText());
        assertEquals(2, deal(rep.token(), first).at("/stageHistory").size(), "NEW→CONTACTED→NC");
        List<JsonNode> notices = autoMoveNotices(rep.token());
        assertEquals(1, notices.size(), notices.toString());
        assertEquals(first, notices.get(0).at("/payload/dealId").asText());
    }

    @Test
    void aFollowUpTime_remindsTheRepOnce_whenTheScheduleFindsItDue() {
        // GIVEN a follow-up asking to call again in an hour
        Rep rep = rep();
        String customerId = customer(rep.token());
        api.data(
                rep.token(),
                LOG,
                Map.of(
                        "in",
                        Map.of(
                                "customerId",
                                customerId,
                                "kind",
                                "VISIT",
                                "body",
                                "上门拜访",
                                "nextFollowUpAt",
                                localNow().plusSeconds(3600).toString())));

        // WHEN two hours pass on the local clock and the schedule fires twice
        TestSupport.post(cloud, "/_local/clock/advance?by=PT2H", "", Map.of());
        for (int run = 0; run < 2; run++) {
            assertEquals(
                    200,
                    TestSupport.post(
                                    cloud,
                                    "/_local/schedules/FollowUpDueFunction/fire",
                                    "",
                                    Map.of())
                            .statusCode());
        }

        // THEN the rep has exactly one FOLLOW_UP_DUE
        JsonNode edges =
                api.data(
                                rep.token(),
                                "{ notifications(first: 100) { edges { node { kind } } } }",
                                Map.of())
                        .at("/notifications/edges");
        long due =
                StreamSupport.stream(edges.spliterator(), false)
                        .filter(edge -> "FOLLOW_UP_DUE".equals(edge.at("/node/kind").asText()))
                        .count();
        assertEquals(1, due, edges.toString());
    }

    /** The local cloud's clock (it runs in this JVM): the real one plus how far tests moved it. */
    private static Instant localNow() {
        return AppClock.SHARED.instant();
    }
}
