package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.counter.CounterStore;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadFields;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.lead.LeadStore;
import org.opencrm.core.leadwork.LeadLedger;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.time.AppClock;
import org.opencrm.core.user.UserStore;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.auth.DevTokens;

/**
 * The lead-work safety nets as the local cloud runs them from template.yaml's schedules, each fired
 * on demand: pool-age reminders, the open-lead recount, and the check that every open lead is
 * somewhere.
 */
class LeadSafetyNetsEndToEndTest extends LocalCloudEndToEnd {

    private static final String LEAD = "query($id: ID!) { lead(id: $id) { status ownerId } }";

    @Test
    void poolReminderSchedule_remindsTheRegionsTeamLeadOnce_after30MinutesInThePool() {
        // GIVEN a region with a team lead and no reps, and a lead of it waiting in the pool
        String region = "r" + UUID.randomUUID().toString().substring(0, 8);
        String teamLead = "tl-" + region;
        api.createUser(teamLead, "TEAM_LEAD", region, "t" + region, null);
        String leadId = ingest(region);
        await(leadId, lead -> "UNASSIGNED".equals(lead.get("status").asText()));

        // WHEN 31 minutes pass and the schedule fires twice
        advance("PT31M");
        fire("PoolReminderFunction");
        fire("PoolReminderFunction");

        // THEN the team lead has one reminder of the lead
        assertEquals(
                1, notificationsOf(teamLead, NotificationKind.LEAD_POOL_REMINDER, leadId).size());
    }

    @Test
    void recountSchedule_correctsAnInjectedDrift_andTellsTheAdmin() {
        // GIVEN a rep holding one lead whose count was written 2 past the ledger
        String region = "r" + UUID.randomUUID().toString().substring(0, 8);
        String rep = "rep-" + region;
        api.createUser(rep, "SALES_REP", region, "t" + region, null);
        String leadId = ingest(region);
        await(leadId, lead -> rep.equals(lead.get("ownerId").asText()));
        CounterStore counters = new CounterStore(cloud.dynamo(), cloud.tableNames());
        counters.addStanding(Keys.repLoad(rep), 2, null);

        // WHEN the recount schedule fires
        fire("LeadRecountFunction");

        // THEN the count is the one open lead again and the admin was told
        assertEquals(1, counters.total(Keys.repLoad(rep)));
        assertEquals(
                1,
                notificationsOf(DemoOrg.ADMIN.id(), NotificationKind.LEAD_COUNT_DRIFT, null)
                        .stream()
                        .filter(n -> rep.equals(n.payload().get("userId")))
                        .count());
    }

    @Test
    void whereaboutsSchedule_reportsALeadWrittenToThePoolWithoutAReason() {
        // GIVEN a lead written straight into a region's pool with no reason, past the services
        String region = "r" + UUID.randomUUID().toString().substring(0, 8);
        api.createUser("tl-" + region, "TEAM_LEAD", region, "t" + region, null);
        Lead pooled =
                Lead.builder()
                        .id("lead-" + UUID.randomUUID())
                        .channel("website")
                        .status(LeadStatus.UNASSIGNED)
                        .fields(LeadFields.builder().name("Prospect").region(region).build())
                        .createdAt(AppClock.SHARED.instant())
                        .build();
        LeadStore store =
                new LeadStore(
                        cloud.dynamo(),
                        DynamoClients.enhanced(cloud.dynamo()),
                        cloud.tableNames(),
                        new LeadLedger(
                                new CounterStore(cloud.dynamo(), cloud.tableNames()),
                                new UserStore(
                                        DynamoClients.enhanced(cloud.dynamo()),
                                        cloud.tableNames())));
        assertEquals(
                LeadStore.WriteOutcome.WRITTEN,
                store.insert(
                        pooled,
                        new WriteStamp("test:direct", null, null, AppClock.SHARED.instant())));

        // WHEN the whereabouts schedule fires
        fire("LeadWhereaboutsFunction");

        // THEN the admin heard of it, with the finding
        List<Notification> reports =
                notificationsOf(DemoOrg.ADMIN.id(), NotificationKind.LEAD_NOWHERE, pooled.id());
        assertEquals(1, reports.size());
        assertEquals("POOLED_WITHOUT_REASON", reports.get(0).payload().get("finding"));
    }

    private static List<Notification> notificationsOf(
            String recipientId, NotificationKind kind, String leadId) {
        NotificationOutbox outbox =
                new NotificationOutbox(DynamoClients.enhanced(cloud.dynamo()), cloud.tableNames());
        return outbox.inbox(recipientId, false, PageRequest.of(100, null)).entries().stream()
                .map(entry -> entry.item())
                .filter(n -> n.kind() == kind)
                .filter(n -> leadId == null || leadId.equals(n.payload().get("leadId")))
                .toList();
    }

    private static void fire(String function) {
        assertEquals(
                200,
                TestSupport.post(cloud, "/_local/schedules/" + function + "/fire", "", Map.of())
                        .statusCode());
    }

    private static void advance(String duration) {
        assertEquals(
                200,
                TestSupport.post(cloud, "/_local/clock/advance?by=" + duration, "", Map.of())
                        .statusCode());
    }

    private static String ingest(String region) {
        return api.ingestWebsiteLead(freshAdminToken(), region);
    }

    private static void await(String leadId, java.util.function.Predicate<JsonNode> condition) {
        TestSupport.await(
                "lead " + leadId,
                () ->
                        condition.test(
                                api.data(freshAdminToken(), LEAD, Map.of("id", leadId))
                                        .get("lead")));
    }

    /** Tokens live 12 h on the application clock, which these tests move. */
    private static String freshAdminToken() {
        return DevTokens.fromEnvironment(AppClock.SHARED).mint(DemoOrg.ADMIN);
    }
}
