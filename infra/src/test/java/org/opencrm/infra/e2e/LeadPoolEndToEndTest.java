package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.auth.DemoOrg.DemoUser;
import org.opencrm.infra.auth.DevTokens;

/**
 * Issue 12's leads that cannot leak, in the local cloud: reps of capacity 1, their
 * region's leads taken in over GraphQL, the leads stream feeding the real reactor, the open-lead
 * ledger read back through {@code User.openLeadCount}, and the pool draining when a lead closes.
 */
class LeadPoolEndToEndTest extends LocalCloudEndToEnd {

    private static final String LEAD =
            "query($id: ID!) { lead(id: $id) { id version status ownerId team slaStep slaDueAt "
                    + "unassignedReason lastSlaStep disqualifyReason } }";
    private static final String DISQUALIFY =
            "mutation($id: ID!, $v: Int!, $reasonId: String!, $note: String) { disqualifyLead(id:"
                    + " $id, expectedVersion: $v, reasonId: $reasonId, note: $note) { status ownerId"
                    + " disqualifyReason disqualifyNote } }";
    private static final Set<String> CLOSED = Set.of("CONVERTED", "DISQUALIFIED");
    // "within seconds": the stream poller and the reactor, not a person, move the pooled lead
    private static final Duration DRAIN_WITHIN = Duration.ofSeconds(10);

    private final String region = "r" + UUID.randomUUID().toString().substring(0, 8);
    private final String team = "t" + UUID.randomUUID().toString().substring(0, 8);
    // the users this test made, to mint a token that is fresh on the moving application clock
    private final Map<String, DemoUser> people = new HashMap<>();

    @Test
    void
            thirdLeadWaitsAtCapacity_andClosingALead_givesThePooledLeadToItsOwner_countsExactAtEachStep() {
        // GIVEN two reps of capacity 1, each given one of their region's leads
        String ana = rep(1);
        String bo = rep(1);
        JsonNode first = ingestAndAwaitDecision();
        JsonNode second = ingestAndAwaitDecision();
        assertEquals("ASSIGNED", first.get("status").asText(), first.toString());
        assertEquals("ASSIGNED", second.get("status").asText(), second.toString());
        assertNotEquals(first.get("ownerId").asText(), second.get("ownerId").asText());
        assertOpenLeadCounts(Map.of(ana, 1, bo, 1));

        // WHEN a third and a fourth lead come in
        JsonNode third = ingestAndAwaitDecision();
        JsonNode fourth = ingestAndAwaitDecision();

        // THEN both wait in the region's pool as ALL_AT_CAPACITY, and nobody's count moved
        for (JsonNode pooled : List.of(third, fourth)) {
            assertEquals("UNASSIGNED", pooled.get("status").asText(), pooled.toString());
            assertEquals("ALL_AT_CAPACITY", pooled.get("unassignedReason").asText());
            assertTrue(pooled.get("ownerId").isNull(), pooled.toString());
        }
        assertEquals(List.of(id(fourth), id(third)), pool());
        assertOpenLeadCounts(Map.of(ana, 1, bo, 1));

        // WHEN the first lead's owner converts it
        String firstOwner = first.get("ownerId").asText();
        JsonNode converted =
                api.data(
                                tokenOf(firstOwner),
                                "mutation($id: ID!, $v: Int!) { convertLead(id: $id, expectedVersion:"
                                        + " $v) { status customerId } }",
                                Map.of("id", id(first), "v", first.get("version").asInt()))
                        .get("convertLead");
        Instant closedAt = Instant.now();
        assertEquals("CONVERTED", converted.get("status").asText());

        // THEN within seconds the oldest pooled lead is theirs; the newer one still waits
        JsonNode drained = await(id(third), lead -> "ASSIGNED".equals(status(lead)));
        Duration drainedIn = Duration.between(closedAt, Instant.now());
        assertEquals(firstOwner, drained.get("ownerId").asText());
        assertEquals(team, drained.get("team").asText());
        assertTrue(drained.get("unassignedReason").isNull(), drained.toString());
        assertTrue(drainedIn.compareTo(DRAIN_WITHIN) < 0, "drained in " + drainedIn);
        System.out.println("pooled lead assigned " + drainedIn.toMillis() + " ms after the close");
        assertEquals(List.of(id(fourth)), pool());
        assertOpenLeadCounts(Map.of(ana, 1, bo, 1));

        // WHEN the second lead's owner disqualifies it with a reason
        String secondOwner = second.get("ownerId").asText();
        JsonNode disqualified =
                api.data(
                                tokenOf(secondOwner),
                                DISQUALIFY,
                                disqualifyVariables(second, "NO_BUDGET", "no money this year"))
                        .get("disqualifyLead");
        closedAt = Instant.now();
        assertEquals("DISQUALIFIED", disqualified.get("status").asText());
        assertEquals("NO_BUDGET", disqualified.get("disqualifyReason").asText());

        // THEN the last pooled lead is theirs within seconds, and the pool is empty
        JsonNode drainedAgain = await(id(fourth), lead -> "ASSIGNED".equals(status(lead)));
        drainedIn = Duration.between(closedAt, Instant.now());
        assertEquals(secondOwner, drainedAgain.get("ownerId").asText());
        assertTrue(drainedIn.compareTo(DRAIN_WITHIN) < 0, "drained in " + drainedIn);
        System.out.println("pooled lead assigned " + drainedIn.toMillis() + " ms after the close");
        assertEquals(List.of(), pool());
        assertOpenLeadCounts(Map.of(ana, 1, bo, 1));
    }

    @Test
    void disqualifyLead_withoutAReason_isBadUserInputNamingReasonId_andLeavesTheLeadOpen() {
        // GIVEN a rep holding a lead
        String ana = rep(1);
        JsonNode lead = ingestAndAwaitDecision();
        assertEquals(ana, lead.get("ownerId").asText());

        // WHEN they disqualify it with the argument left out, with a null reason, and with a
        // blank one
        JsonNode noArgument =
                api.run(
                        tokenOf(ana),
                        "mutation($id: ID!, $v: Int!) { disqualifyLead(id: $id, expectedVersion:"
                                + " $v) { status } }",
                        Map.of("id", id(lead), "v", lead.get("version").asInt()));
        JsonNode nullReason =
                api.run(tokenOf(ana), DISQUALIFY, disqualifyVariables(lead, null, null));
        JsonNode blankReason =
                api.run(tokenOf(ana), DISQUALIFY, disqualifyVariables(lead, " ", null));

        // THEN each answers BAD_USER_INPUT on the field reasonId with its rule (graphql-java
        // refuses the first two before our rules run; the blank one is ours, with the reasons to
        // choose from)
        for (JsonNode refused : List.of(noArgument, nullReason, blankReason)) {
            JsonNode error = refused.at("/errors/0/extensions");
            assertEquals("BAD_USER_INPUT", error.at("/code").asText(), refused.toString());
            assertEquals("reasonId", error.at("/field").asText(), refused.toString());
            assertTrue(error.get("rule").isTextual(), refused.toString());
        }
        assertEquals("required", noArgument.at("/errors/0/extensions/rule").asText());
        assertEquals("required", nullReason.at("/errors/0/extensions/rule").asText());
        JsonNode blank = blankReason.at("/errors/0/extensions");
        assertTrue(blank.get("limit").toString().contains("NO_BUDGET"), blank.toString());
        // ... and the lead is still open and counted
        assertEquals("ASSIGNED", status(read(id(lead))));
        assertOpenLeadCounts(Map.of(ana, 1));
    }

    @Test
    void assignLead_byHand_overridesCapacity_andTheCountFollowsTheLead() {
        // GIVEN a rep of capacity 1 holding a lead, a second lead pooled, and their team lead
        String ana = rep(1);
        String teamLead = user("TEAM_LEAD", null);
        ingestAndAwaitDecision();
        JsonNode pooled = ingestAndAwaitDecision();
        assertEquals("ALL_AT_CAPACITY", pooled.get("unassignedReason").asText());

        // WHEN the team lead gives the pooled lead to the full rep by hand
        JsonNode assigned =
                api.data(
                                tokenOf(teamLead),
                                "mutation($id: ID!, $u: ID!, $v: Int!) { assignLead(id: $id, userId:"
                                        + " $u, expectedVersion: $v) { status ownerId } }",
                                Map.of(
                                        "id",
                                        id(pooled),
                                        "u",
                                        ana,
                                        "v",
                                        pooled.get("version").asInt()))
                        .get("assignLead");

        // THEN the team lead's call stands over capacity, and the rep's count says 2
        assertEquals("ASSIGNED", assigned.get("status").asText());
        assertEquals(ana, assigned.get("ownerId").asText());
        assertEquals(List.of(), pool());
        assertOpenLeadCounts(Map.of(ana, 2));
    }

    @Test
    void aLeadTakenBackIntoThePool_hasNoSlaClock_soThreeDaysLaterItIsStillPooledAndNotWoken() {
        // GIVEN the region's only rep, who does not view their lead
        String ana = rep(1);
        JsonNode lead = ingestAndAwaitDecision();
        assertEquals(ana, lead.get("ownerId").asText());

        // WHEN 2 h pass unviewed: the sweep takes it back and nobody else may have it
        advanceAndSweep("PT2H1M");
        JsonNode pooled = await(id(lead), l -> "UNASSIGNED".equals(status(l)));

        // THEN it waits in the pool with no SLA step due, and the rep holds nothing
        assertEquals("ALL_EXCLUDED", pooled.get("unassignedReason").asText());
        assertTrue(pooled.get("slaDueAt").isNull(), pooled.toString());
        assertTrue(pooled.get("lastSlaStep").asText().startsWith("VIEW_MISSED"));
        assertEquals(List.of(id(lead)), pool());
        assertOpenLeadCounts(Map.of(ana, 0));

        // WHEN three more days pass, swept
        advanceAndSweep("P3D");
        advanceAndSweep("PT1H");

        // THEN it is still in the pool, untouched by the ladder (no CONTACT or WAKE step)
        JsonNode later = read(id(lead));
        assertEquals("UNASSIGNED", status(later));
        assertEquals(pooled.get("version").asInt(), later.get("version").asInt());
        assertEquals(List.of(id(lead)), pool());
    }

    @Test
    void aPooledLeadNobodyMayTake_doesNotBlockTheNextPooledLead_whenALeadCloses() {
        // GIVEN the region's only rep of capacity 1 missed one lead's view, so that lead waits
        // in the pool excluded from them
        String ana = rep(1);
        JsonNode missed = ingestAndAwaitDecision();
        advanceAndSweep("PT2H1M");
        JsonNode excluded = await(id(missed), l -> "UNASSIGNED".equals(status(l)));
        assertEquals("ALL_EXCLUDED", excluded.get("unassignedReason").asText());
        // ... and they hold a newer lead, with a third lead waiting for room
        JsonNode held = ingestAndAwaitDecision();
        assertEquals(ana, held.get("ownerId").asText());
        JsonNode waiting = ingestAndAwaitDecision();
        assertEquals("ALL_AT_CAPACITY", waiting.get("unassignedReason").asText());

        // WHEN the rep converts the lead they hold
        api.data(
                tokenOf(ana),
                "mutation($id: ID!, $v: Int!) { convertLead(id: $id, expectedVersion: $v) { status } }",
                Map.of("id", id(held), "v", held.get("version").asInt()));

        // THEN the lead waiting for room is theirs; the excluded one still waits
        JsonNode drained = await(id(waiting), l -> "ASSIGNED".equals(status(l)));
        assertEquals(ana, drained.get("ownerId").asText());
        assertEquals(List.of(id(missed)), pool());
        assertOpenLeadCounts(Map.of(ana, 1));
    }

    /** A sales rep of this test's region and team who takes at most {@code capacity} leads. */
    private String rep(int capacity) {
        return user("SALES_REP", capacity);
    }

    private String user(String role, Integer capacity) {
        String id = role.toLowerCase(java.util.Locale.ROOT) + "-" + UUID.randomUUID();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", id);
        input.put("name", "User " + id);
        input.put("role", role);
        input.put("region", region);
        input.put("team", team);
        input.put("capacity", capacity);
        api.data(
                adminToken(),
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

    /** A new lead of the region, once the reactor has assigned or pooled it. */
    private JsonNode ingestAndAwaitDecision() {
        String leadId = api.ingestWebsiteLead(adminToken(), region);
        return await(leadId, lead -> !"NEW".equals(status(lead)));
    }

    /**
     * Each rep's {@code openLeadCount} is as expected and equals the open leads they own, as the
     * owner index lists them.
     */
    private void assertOpenLeadCounts(Map<String, Integer> expected) {
        expected.forEach(
                (userId, count) -> {
                    JsonNode user =
                            api.data(
                                            adminToken(),
                                            "query($id: ID!) { user(id: $id) { openLeadCount } }",
                                            Map.of("id", userId))
                                    .get("user");
                    JsonNode owned =
                            api.data(
                                            adminToken(),
                                            "query($o: ID!) { leads(filter: {ownerId: $o}, first:"
                                                    + " 100) { edges { node { status } } } }",
                                            Map.of("o", userId))
                                    .at("/leads/edges");
                    long open =
                            StreamSupport.stream(owned.spliterator(), false)
                                    .filter(
                                            edge ->
                                                    !CLOSED.contains(
                                                            edge.at("/node/status").asText()))
                                    .count();
                    assertEquals(count, user.get("openLeadCount").asInt(), userId);
                    assertEquals(open, user.get("openLeadCount").asLong(), userId + ": " + owned);
                });
    }

    /** The region's pool, newest first. */
    private List<String> pool() {
        return ApiClient.ids(
                api.data(
                                adminToken(),
                                "query($r: String!) { unassignedLeads(region: $r, first: 100) {"
                                        + " edges { node { id } } } }",
                                Map.of("r", region))
                        .at("/unassignedLeads/edges"));
    }

    private static Map<String, Object> disqualifyVariables(
            JsonNode lead, String reason, String note) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("id", id(lead));
        variables.put("v", lead.get("version").asInt());
        variables.put("reasonId", reason);
        variables.put("note", note);
        return variables;
    }

    /** The clock moves for every function of the cloud; the sweep runs now. */
    private static void advanceAndSweep(String duration) {
        assertEquals(
                200,
                TestSupport.post(cloud, "/_local/clock/advance?by=" + duration, "", Map.of())
                        .statusCode());
        assertEquals(
                200,
                TestSupport.post(cloud, "/_local/schedules/SlaSweepFunction/fire", "", Map.of())
                        .statusCode());
    }

    private static JsonNode await(String leadId, Predicate<JsonNode> condition) {
        JsonNode[] seen = new JsonNode[1];
        TestSupport.await(
                "lead " + leadId,
                () -> {
                    seen[0] = read(leadId);
                    return condition.test(seen[0]);
                });
        return seen[0];
    }

    private static JsonNode read(String leadId) {
        return api.data(adminToken(), LEAD, Map.of("id", leadId)).get("lead");
    }

    private static String id(JsonNode lead) {
        return lead.get("id").asText();
    }

    private static String status(JsonNode lead) {
        return lead.get("status").asText();
    }

    private String tokenOf(String userId) {
        return api.tokenOf(people.get(userId));
    }

    /** Tokens live 12 h on the application clock, which these tests move by days. */
    private static String adminToken() {
        return DevTokens.fromEnvironment(AppClock.SHARED).mint(DemoOrg.ADMIN);
    }
}
