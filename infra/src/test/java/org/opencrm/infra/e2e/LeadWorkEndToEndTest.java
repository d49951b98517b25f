package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.auth.DevTokens;

/**
 * A lead's working life in the local cloud (R-11..R-13): the leads stream feeds the real reactor,
 * the application clock is moved forward and the sweep fired on demand, so 2 h, 24 h and 3 days
 * pass in seconds.
 */
class LeadWorkEndToEndTest extends LocalCloudEndToEnd {

    private static final String LEAD =
            "query($id: ID!) { lead(id: $id) { status ownerId region flaggedRed slaStep "
                    + "unassignedReason lastSlaStep assignment { ownerId score explanation { term contribution } "
                    + "candidates { userId score excludedBecause } } } }";

    @Test
    void
            lead_isAssigned_reassignedOnce_escalatedToTheTeamLead_andWokenWithOneSms_eachStepAuditedOnce() {
        // GIVEN two reps and their team lead in a region of their own
        String region = "r" + UUID.randomUUID().toString().substring(0, 8);
        String team = "t" + UUID.randomUUID().toString().substring(0, 8);
        String teamLead = "tl-" + region;
        api.createUser(teamLead, "TEAM_LEAD", region, team, null);
        api.createUser("rep1-" + region, "SALES_REP", region, team, teamLead);
        api.createUser("rep2-" + region, "SALES_REP", region, team, teamLead);

        // WHEN a lead of that region comes in
        String leadId = ingest(region);

        // THEN the reactor assigns it, with the terms and both candidates explained
        JsonNode assigned = await(leadId, lead -> "ASSIGNED".equals(lead.get("status").asText()));
        String firstOwner = assigned.get("ownerId").asText();
        assertTrue(firstOwner.startsWith("rep"), assigned.toString());
        assertEquals("source:website", assigned.at("/assignment/explanation/0/term").asText());
        assertEquals(100.0, assigned.at("/assignment/explanation/0/contribution").asDouble());
        assertEquals(2, assigned.at("/assignment/candidates").size());

        // WHEN 2 h pass unviewed
        advanceAndSweep("PT2H1M");
        JsonNode reassigned =
                await(
                        leadId,
                        lead ->
                                "ASSIGNED".equals(lead.get("status").asText())
                                        && !firstOwner.equals(lead.get("ownerId").asText()));

        // THEN it is red and with the other rep
        assertTrue(reassigned.get("flaggedRed").asBoolean());
        assertNotEquals(firstOwner, reassigned.get("ownerId").asText());
        assertTrue(
                reassigned
                        .at("/assignment/candidates")
                        .toString()
                        .contains("MISSED_SLA_ON_THIS_LEAD"));

        // WHEN 24 h pass without a first contact
        advanceAndSweep("PT22H");
        JsonNode escalated = await(leadId, lead -> teamLead.equals(lead.get("ownerId").asText()));
        assertTrue(escalated.get("lastSlaStep").asText().startsWith("CONTACT_MISSED"));

        // WHEN 3 days pass with no contact
        advanceAndSweep("PT49H");
        JsonNode woken = await(leadId, lead -> "WOKEN".equals(lead.get("status").asText()));
        assertEquals(4, woken.get("slaStep").asInt());
        advanceAndSweep("PT1H");

        // THEN exactly one wake-up SMS is in the outbox, and the trail shows each step once
        TestSupport.await("the wake-up SMS", () -> sms(leadId).size() == 1);
        assertEquals(1, sms(leadId).size());
        List<JsonNode> trail = api.awaitAuditTrail(freshAdminToken(), leadId, 6);
        for (String step : List.of("VIEW_MISSED", "CONTACT_MISSED", "WOKEN")) {
            long times =
                    trail.stream()
                            .flatMap(
                                    entry ->
                                            java.util.stream.StreamSupport.stream(
                                                    entry.get("changes").spliterator(), false))
                            .filter(
                                    change ->
                                            "lastSlaStep".equals(change.get("field").asText())
                                                    && change.get("after")
                                                            .asText()
                                                            .startsWith(step))
                            .count();
            assertEquals(1, times, step + " in " + trail);
        }
    }

    @Test
    void regionWithoutReps_leavesTheLeadUnassigned_withTheReason_andTellsTheAdmins() {
        String region = "nobody" + UUID.randomUUID().toString().substring(0, 6);

        String leadId = ingest(region);

        JsonNode pooled = await(leadId, lead -> "UNASSIGNED".equals(lead.get("status").asText()));
        assertEquals("NO_REP_IN_REGION", pooled.get("unassignedReason").asText());
        JsonNode pool =
                api.data(
                        freshAdminToken(),
                        "query($r: String!) { unassignedLeads(region: $r) { edges { node { id } } } }",
                        Map.of("r", region));
        assertEquals(List.of(leadId), ApiClient.ids(pool.at("/unassignedLeads/edges")));
        TestSupport.await(
                "the admin's pool notification",
                () ->
                        api.data(
                                        freshAdminToken(),
                                        "{ notifications(first: 50) { edges { node { kind payload } } } }",
                                        Map.of())
                                .at("/notifications/edges")
                                .toString()
                                .contains(leadId));
    }

    @Test
    void rep_viewsAndCallsTheLead_throughTheApi_andTheirResponseTimesAreCounted() {
        String region = "r" + UUID.randomUUID().toString().substring(0, 8);
        String rep = "rep-" + region;
        String repToken = api.createUser(rep, "SALES_REP", region, "t" + region, null);
        String leadId = ingest(region);
        await(leadId, lead -> rep.equals(lead.get("ownerId").asText()));

        JsonNode viewed =
                api.data(
                        repToken,
                        "mutation($id: ID!) { markLeadViewed(id: $id) { viewedAt } }",
                        Map.of("id", leadId));
        JsonNode called =
                api.data(
                        repToken,
                        "mutation($id: ID!) { logLeadContact(id: $id, kind: CALL, note: \"intro\") "
                                + "{ status contactedAt } }",
                        Map.of("id", leadId));
        JsonNode stats =
                api.data(
                                freshAdminToken(),
                                "query($u: ID!) { repResponseStats(userId: $u) { toFirstView { count "
                                        + "p50Minutes buckets { upToMinutes count } } toFirstContact { count } missedInRow coachingFlag } }",
                                Map.of("u", rep))
                        .get("repResponseStats");

        assertTrue(viewed.at("/markLeadViewed/viewedAt").isTextual(), viewed.toString());
        assertEquals("CONTACTED", called.at("/logLeadContact/status").asText());
        assertEquals(1, stats.at("/toFirstView/count").asInt());
        assertEquals(1, stats.at("/toFirstContact/count").asInt());
        assertEquals(0, stats.at("/toFirstView/p50Minutes").asInt());
        assertEquals(1, stats.at("/toFirstView/buckets/0/count").asInt());
        assertEquals(false, stats.get("coachingFlag").asBoolean());
    }

    private static String ingest(String region) {
        return api.ingestWebsiteLead(freshAdminToken(), region);
    }

    /**
     * The clock moves for every function of the cloud; the sweep runs now rather than at the next
     * minute.
     */
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

    private static JsonNode await(String leadId, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] seen = new JsonNode[1];
        TestSupport.await(
                "lead " + leadId,
                () -> {
                    seen[0] = api.data(freshAdminToken(), LEAD, Map.of("id", leadId)).get("lead");
                    return condition.test(seen[0]);
                });
        return seen[0];
    }

    private static List<Notification> sms(String leadId) {
        NotificationOutbox outbox =
                new NotificationOutbox(DynamoClients.enhanced(cloud.dynamo()), cloud.tableNames());
        return outbox.inbox("lead:" + leadId, false, PageRequest.of(10, null)).entries().stream()
                .map(entry -> entry.item())
                .filter(n -> n.kind() == NotificationKind.WAKE_UP_SMS)
                .toList();
    }

    /** Tokens live 12 h on the application clock, which these tests move by days. */
    private static String freshAdminToken() {
        return DevTokens.fromEnvironment(AppClock.SHARED).mint(DemoOrg.ADMIN);
    }
}
