package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.auth.DemoOrg.DemoUser;

/**
 * Issue 12's team-lead scope, in the local cloud over HTTP with real tokens: a team lead
 * reads and writes their own team's leads, never another team's of the same region (NOT_FOUND, as
 * for anything outside a read scope), while the region's pool is open to both, as policy.yaml
 * declares it apart.
 */
class TeamLeadLeadScopeEndToEndTest extends LocalCloudEndToEnd {

    private static final String LEAD =
            "query($id: ID!) { lead(id: $id) { id status team ownerId } }";

    private final String region = "r" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, DemoUser> people = new HashMap<>();

    @Test
    void teamLead_readsTheirTeamsLead_butAnotherTeamsLeadOfTheSameRegionIsNotFound() {
        // GIVEN two teams of one region, each a team lead and a rep of capacity 1, and one lead
        // given to each rep
        String teamA = "a-" + region;
        String teamB = "b-" + region;
        String leadOfA = user("TEAM_LEAD", teamA, null);
        String leadOfB = user("TEAM_LEAD", teamB, null);
        String repA = user("SALES_REP", teamA, 1);
        String repB = user("SALES_REP", teamB, 1);
        String first = ingestAndAwaitOwner();
        String second = ingestAndAwaitOwner();
        Map<String, String> leadOwnedBy = Map.of(ownerOf(first), first, ownerOf(second), second);
        String teamALead = leadOwnedBy.get(repA);
        String teamBLead = leadOwnedBy.get(repB);
        assertNotEquals(null, teamALead, leadOwnedBy.toString());
        assertNotEquals(null, teamBLead, leadOwnedBy.toString());

        // WHEN each team lead reads both leads
        JsonNode ownByA = api.run(tokenOf(leadOfA), LEAD, Map.of("id", teamALead));
        JsonNode otherByA = api.run(tokenOf(leadOfA), LEAD, Map.of("id", teamBLead));
        JsonNode ownByB = api.run(tokenOf(leadOfB), LEAD, Map.of("id", teamBLead));
        JsonNode otherByB = api.run(tokenOf(leadOfB), LEAD, Map.of("id", teamALead));

        // THEN their own team's lead is there, the other team's is NOT_FOUND with no data
        assertEquals("OK", ApiClient.outcome(ownByA), ownByA.toString());
        assertEquals(teamA, ownByA.at("/data/lead/team").asText());
        assertEquals("OK", ApiClient.outcome(ownByB), ownByB.toString());
        assertEquals(teamB, ownByB.at("/data/lead/team").asText());
        for (JsonNode refused : List.of(otherByA, otherByB)) {
            assertEquals("NOT_FOUND", ApiClient.outcome(refused), refused.toString());
            assertTrue(refused.at("/data/lead").isNull(), refused.toString());
        }

        // ... and their list of leads holds their team's lead only
        assertEquals(List.of(teamALead), leadsSeenBy(leadOfA));
        assertEquals(List.of(teamBLead), leadsSeenBy(leadOfB));
    }

    @Test
    void teamLead_cannotTakeAnotherTeamsLead_butWorksTheRegionsPool() {
        // GIVEN two teams of one region, a rep of capacity 1 in team B holding a lead, and a
        // second lead waiting in the region's pool
        String teamA = "a-" + region;
        String teamB = "b-" + region;
        String leadOfA = user("TEAM_LEAD", teamA, null);
        String repA = user("SALES_REP", teamA, 0);
        String repB = user("SALES_REP", teamB, 1);
        String held = ingestAndAwaitOwner();
        assertEquals(repB, ownerOf(held));
        String pooled = ingestAndAwait(lead -> "UNASSIGNED".equals(lead.get("status").asText()));

        // WHEN team A's lead tries to give team B's lead to their own rep
        JsonNode taken = assignByHand(leadOfA, held, repA);

        // THEN it is NOT_FOUND to them, and the lead stays with its owner
        assertEquals("NOT_FOUND", ApiClient.outcome(taken), taken.toString());
        assertEquals(repB, ownerOf(held));

        // WHEN they look at the region's pool and give its lead to their rep
        List<String> pool =
                ApiClient.ids(
                        api.data(
                                        tokenOf(leadOfA),
                                        "query($r: String!) { unassignedLeads(region: $r) { edges"
                                                + " { node { id } } } }",
                                        Map.of("r", region))
                                .at("/unassignedLeads/edges"));
        JsonNode given = assignByHand(leadOfA, pooled, repA);

        // THEN the pool showed it, and now it is their team's lead, which they read
        assertEquals(List.of(pooled), pool);
        assertEquals("OK", ApiClient.outcome(given), given.toString());
        JsonNode read = api.data(tokenOf(leadOfA), LEAD, Map.of("id", pooled)).get("lead");
        assertEquals(repA, read.get("ownerId").asText());
        assertEquals(teamA, read.get("team").asText());
    }

    private JsonNode assignByHand(String byUser, String leadId, String toUser) {
        int version =
                api.data(
                                api.adminToken(),
                                "query($id: ID!) { lead(id: $id) { version } }",
                                Map.of("id", leadId))
                        .at("/lead/version")
                        .asInt();
        return api.run(
                tokenOf(byUser),
                "mutation($id: ID!, $u: ID!, $v: Int!) { assignLead(id: $id, userId: $u,"
                        + " expectedVersion: $v) { ownerId } }",
                Map.of("id", leadId, "u", toUser, "v", version));
    }

    private List<String> leadsSeenBy(String userId) {
        return ApiClient.ids(
                api.data(
                                tokenOf(userId),
                                "{ leads(first: 100) { edges { node { id } } } }",
                                Map.of())
                        .at("/leads/edges"));
    }

    private String user(String role, String team, Integer capacity) {
        String id = ApiClient.unique(role.toLowerCase(java.util.Locale.ROOT));
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", id);
        input.put("name", "User " + id);
        input.put("role", role);
        input.put("region", region);
        input.put("team", team);
        input.put("capacity", capacity);
        api.data(
                api.adminToken(),
                "mutation($in: UserInput!) { createUser(input: $in) { id } }",
                Map.of("in", input));
        people.put(
                id,
                new DemoUser(
                        id,
                        "User " + id,
                        role,
                        Optional.of(region),
                        Optional.of(team),
                        Optional.empty()));
        return id;
    }

    private String ingestAndAwaitOwner() {
        return ingestAndAwait(lead -> !lead.get("ownerId").isNull());
    }

    /** A new lead of the region, once the reactor's decision on it satisfies {@code settled}. */
    private String ingestAndAwait(java.util.function.Predicate<JsonNode> settled) {
        String leadId = api.ingestWebsiteLead(api.adminToken(), region);
        TestSupport.await(
                "the reactor's decision on " + leadId, () -> settled.test(readByAdmin(leadId)));
        return leadId;
    }

    private String ownerOf(String leadId) {
        return readByAdmin(leadId).get("ownerId").asText();
    }

    private static JsonNode readByAdmin(String leadId) {
        return api.data(api.adminToken(), LEAD, Map.of("id", leadId)).get("lead");
    }

    private String tokenOf(String userId) {
        return api.tokenOf(people.get(userId));
    }
}
