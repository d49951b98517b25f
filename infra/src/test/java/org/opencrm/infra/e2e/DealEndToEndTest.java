package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.auth.DemoOrg.DemoUser;

/**
 * Issue 14's first two done-when cases in the local cloud, as a client makes them over real HTTP:
 * evidence required for contract approval (a refused move listing both requirements; the same move
 * once the margin is raised and a legal opinion is uploaded through a presigned URL), and a
 * negotiation left 15 days on the local clock flagged stale by the scheduled sweep, with exactly
 * one {@code DEAL_STALE} for the owner's team lead however often the sweep runs.
 */
class DealEndToEndTest extends LocalCloudEndToEnd {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private static final String DEAL_FIELDS =
            "id version stage stale grossMarginPercent stageEnteredAt "
                    + "stageHistory { from to at actorId source secondsInStage }";
    private static final String MOVE =
            "mutation($id: ID!, $v: Int!, $to: DealStage!) { moveDeal(id: $id, expectedVersion: $v,"
                    + " toStage: $to) { "
                    + DEAL_FIELDS
                    + " } }";
    private static final byte[] PDF =
            "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% legal opinion on the deal\n%%EOF\n"
                    .getBytes(StandardCharsets.US_ASCII);

    /**
     * A rep reporting to a team lead, in a region and team of their own. Tokens are minted on each
     * use: the local clock moves days ahead, past any token minted before.
     */
    private record Team(DemoUser lead, DemoUser rep) {

        String leadToken() {
            return freshClient().tokenOf(lead);
        }

        String repToken() {
            return freshClient().tokenOf(rep);
        }

        String repId() {
            return rep.id();
        }
    }

    /** A client whose admin token is minted now, on the local clock. */
    private static ApiClient freshClient() {
        return new ApiClient(cloud);
    }

    private static Team team() {
        ApiClient client = freshClient();
        String region = ApiClient.unique("deal-region");
        String teamName = ApiClient.unique("deal-team");
        String leadId = ApiClient.unique("deal-lead");
        client.createUser(leadId, "TEAM_LEAD", region, teamName, null);
        String repId = ApiClient.unique("deal-rep");
        client.createUser(repId, "SALES_REP", region, teamName, leadId);
        return new Team(
                demoUser(leadId, "TEAM_LEAD", region, teamName, null),
                demoUser(repId, "SALES_REP", region, teamName, leadId));
    }

    private static DemoUser demoUser(
            String id, String role, String region, String team, String managerId) {
        return new DemoUser(
                id,
                "User " + id,
                role,
                Optional.of(region),
                Optional.of(team),
                Optional.ofNullable(managerId));
    }

    /** A deal of a new customer of the rep, with margin 30, moved on to NEGOTIATION. */
    private static JsonNode dealInNegotiation(String repToken) {
        String customerId =
                api.data(
                                repToken,
                                "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                                Map.of(
                                        "in",
                                        Map.of(
                                                "name",
                                                ApiClient.unique("Deal Co"),
                                                "phone",
                                                ApiClient.uniqueMobile())))
                        .at("/createCustomer/id")
                        .asText();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("customerId", customerId);
        input.put("title", "Cold-chain rollout");
        input.put("amount", "880000.00");
        input.put("grossMarginPercent", 30);
        JsonNode created =
                api.data(
                                repToken,
                                "mutation($in: CreateDealInput!) { createDeal(input: $in) { id version } }",
                                Map.of("in", input))
                        .at("/createDeal");
        return move(repToken, created, "NEGOTIATION").at("/data/moveDeal");
    }

    private static JsonNode move(String token, JsonNode deal, String toStage) {
        return api.run(
                token,
                MOVE,
                Map.of(
                        "id", deal.at("/id").asText(),
                        "v", deal.at("/version").asInt(),
                        "to", toStage));
    }

    private static JsonNode deal(String token, String dealId) {
        return api.data(
                        token,
                        "query($id: ID!) { deal(id: $id) { " + DEAL_FIELDS + " } }",
                        Map.of("id", dealId))
                .at("/deal");
    }

    private static void advance(String duration) {
        assertEquals(
                200,
                TestSupport.post(cloud, "/_local/clock/advance?by=" + duration, "", Map.of())
                        .statusCode());
    }

    private static void fireTheStaleSweep() {
        assertEquals(
                200,
                TestSupport.post(
                                cloud,
                                "/_local/schedules/DealStaleSweepFunction/fire",
                                "",
                                Map.of())
                        .statusCode());
    }

    private static Map<String, Object> legalOpinionUpload(String dealId) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("purpose", "ATTACHMENT");
        input.put("fileName", "legal opinion.pdf");
        input.put("contentType", "application/pdf");
        input.put("size", PDF.length);
        input.put("entityId", dealId);
        input.put("kind", "LEGAL_OPINION");
        return input;
    }

    /** Declares a legal-opinion PDF for the deal and PUTs it to the presigned URL. */
    private static String uploadLegalOpinion(String token, String dealId) throws Exception {
        Map<String, Object> input = legalOpinionUpload(dealId);
        JsonNode upload =
                api.data(
                                token,
                                "mutation($in: UploadInput!) { createUpload(input: $in) "
                                        + "{ id url method headers { name value } } }",
                                Map.of("in", input))
                        .at("/createUpload");
        HttpRequest.Builder put =
                HttpRequest.newBuilder(URI.create(upload.at("/url").asText()))
                        .method(
                                upload.at("/method").asText(),
                                HttpRequest.BodyPublishers.ofByteArray(PDF));
        upload.at("/headers")
                .forEach(h -> put.header(h.at("/name").asText(), h.at("/value").asText()));
        HttpResponse<String> stored = HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stored.statusCode(), stored.body());
        return upload.at("/id").asText();
    }

    private static List<String> attachmentIds(String token, String entityId) {
        JsonNode listed =
                api.data(
                                token,
                                "query($id: ID!) { attachments(entityId: $id) { id kind } }",
                                Map.of("id", entityId))
                        .at("/attachments");
        return StreamSupport.stream(listed.spliterator(), false)
                .map(node -> node.at("/id").asText())
                .toList();
    }

    /** The recipient's DEAL_STALE notifications about the deal, read through the API. */
    private static List<JsonNode> staleNotices(String token, String dealId) {
        JsonNode edges =
                api.data(
                                token,
                                "{ notifications(first: 100) { edges { node { id kind payload } } } }",
                                Map.of())
                        .at("/notifications/edges");
        return StreamSupport.stream(edges.spliterator(), false)
                .map(edge -> edge.get("node"))
                .filter(node -> "DEAL_STALE".equals(node.at("/kind").asText()))
                .filter(node -> node.at("/payload").toString().contains(dealId))
                .toList();
    }

    @Test
    void contractApproval_refusesMargin30WithoutALegalOpinion_listingBoth_thenMovesOnceBothAreMet()
            throws Exception {
        // GIVEN a rep's deal in NEGOTIATION with margin 30 and nothing filed
        Team team = team();
        JsonNode negotiation = dealInNegotiation(team.repToken());
        String dealId = negotiation.at("/id").asText();

        // WHEN the rep moves it to CONTRACT_APPROVAL
        JsonNode refused = move(team.repToken(), negotiation, "CONTRACT_APPROVAL");

        // THEN the move is refused with both requirements in extensions.unmet
        JsonNode error = refused.at("/errors/0");
        assertEquals(
                "STAGE_REQUIREMENTS_UNMET",
                error.at("/extensions/code").asText(),
                refused.toString());
        Set<String> unmet =
                StreamSupport.stream(error.at("/extensions/unmet").spliterator(), false)
                        .map(
                                check ->
                                        check.at("/field").asText()
                                                + ":"
                                                + check.at("/rule").asText())
                        .collect(Collectors.toSet());
        assertEquals(Set.of("grossMarginPercent:atLeast", "attachments:attachment"), unmet);
        assertEquals("NEGOTIATION", deal(team.repToken(), dealId).at("/stage").asText());

        // WHEN the margin is raised to 40 and a legal opinion is uploaded to the deal itself
        JsonNode raised =
                api.data(
                                team.repToken(),
                                "mutation($id: ID!, $v: Int!) { updateDeal(id: $id, expectedVersion: $v,"
                                        + " input: { grossMarginPercent: 40 }) { id version } }",
                                Map.of("id", dealId, "v", negotiation.at("/version").asInt()))
                        .at("/updateDeal");
        String uploadId = uploadLegalOpinion(team.repToken(), dealId);
        TestSupport.await(
                "the legal opinion listed on the deal",
                () -> attachmentIds(team.repToken(), dealId).contains(uploadId));
        // AND whoever may read the deal sees the evidence; a rep of another team cannot file or see
        assertEquals(List.of(uploadId), attachmentIds(team.leadToken(), dealId));
        String outsider = team().repToken();
        JsonNode hidden =
                api.run(
                        outsider,
                        "query($id: ID!) { attachments(entityId: $id) { id } }",
                        Map.of("id", dealId));
        assertEquals("NOT_FOUND", ApiClient.outcome(hidden), hidden.toString());
        JsonNode notFiled =
                api.run(
                        outsider,
                        "mutation($in: UploadInput!) { createUpload(input: $in) { id } }",
                        Map.of("in", legalOpinionUpload(dealId)));
        assertEquals("NOT_FOUND", ApiClient.outcome(notFiled), notFiled.toString());
        advance("P2D");
        JsonNode moved = move(team.repToken(), raised, "CONTRACT_APPROVAL");

        // THEN the same move succeeds, and the history shows both moves with the time spent
        assertEquals("OK", ApiClient.outcome(moved), moved.toString());
        JsonNode approved = deal(team.leadToken(), dealId);
        assertEquals("CONTRACT_APPROVAL", approved.at("/stage").asText());
        JsonNode history = approved.at("/stageHistory");
        assertEquals(2, history.size(), history.toString());
        assertEquals("NEGOTIATION", history.at("/0/from").asText());
        assertEquals("CONTRACT_APPROVAL", history.at("/0/to").asText());
        assertEquals(team.repId(), history.at("/0/actorId").asText());
        long twoDays = Duration.ofDays(2).toSeconds();
        long inNegotiation = history.at("/0/secondsInStage").asLong();
        assertTrue(
                inNegotiation >= twoDays && inNegotiation < twoDays + 600,
                "seconds in NEGOTIATION: " + inNegotiation);
        assertEquals("NEW", history.at("/1/from").asText());
        assertEquals("NEGOTIATION", history.at("/1/to").asText());
        assertTrue(history.at("/1/secondsInStage").asLong() < 600, history.toString());
    }

    @Test
    void aNegotiationLeft15Days_isFlaggedStaleBySchedule_andTheTeamLeadGetsExactlyOneDealStale() {
        // GIVEN a rep's deal in NEGOTIATION (stale after 14 days) and the rep's team lead
        Team team = team();
        String dealId = dealInNegotiation(team.repToken()).at("/id").asText();
        fireTheStaleSweep();
        boolean staleOnDayZero = deal(team.repToken(), dealId).at("/stale").asBoolean();

        // WHEN 15 days pass on the local clock and the hourly sweep fires
        advance("P15D");
        fireTheStaleSweep();

        // THEN the deal is flagged and listed as stale, and the team lead has one DEAL_STALE
        assertFalse(staleOnDayZero);
        assertTrue(deal(team.repToken(), dealId).at("/stale").asBoolean());
        JsonNode staleDeals =
                api.data(
                                team.leadToken(),
                                "query($owner: ID!) { deals(filter: { ownerId: $owner, stale: true },"
                                        + " first: 50) { edges { node { id } } } }",
                                Map.of("owner", team.repId()))
                        .at("/deals/edges");
        assertEquals(List.of(dealId), ApiClient.ids(staleDeals));
        List<JsonNode> notices = staleNotices(team.leadToken(), dealId);
        assertEquals(1, notices.size(), notices.toString());
        assertEquals("NEGOTIATION", notices.get(0).at("/payload/stage").asText());

        // WHEN the sweep fires again
        fireTheStaleSweep();

        // THEN nothing more is sent
        assertEquals(1, staleNotices(team.leadToken(), dealId).size());
        assertTrue(staleNotices(team.repToken(), dealId).isEmpty());
    }
}
