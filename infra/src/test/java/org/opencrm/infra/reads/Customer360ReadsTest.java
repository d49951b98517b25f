package org.opencrm.infra.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.activity.ActivityInput;
import org.opencrm.core.activity.ActivityKind;
import org.opencrm.core.audit.AuditEntry;
import org.opencrm.core.audit.AuditOperation;
import org.opencrm.core.audit.AuditStore;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealInput;
import org.opencrm.core.deal.DealStage;
import org.opencrm.core.files.Attachment;
import org.opencrm.core.files.AttachmentStore;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadFields;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.lead.LeadStore;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.graphql.CrmGraphql;
import org.opencrm.graphql.GraphqlRequest;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.bench.CountedDynamo;
import org.opencrm.infra.bench.DynamoCallTally;

/**
 * Customer 360 (issue 15 done-when 4): one {@code customer(id)} request selecting the owner, leads,
 * deals, attachments, audit trail and a 50-entry timeline costs a pinned number of DynamoDB calls,
 * counted on the one SDK client of DynamoDB Local in server mode, whichever thread makes them.
 */
class Customer360ReadsTest {

    private static final Caller REP = DemoOrg.REP_A1.caller("test");

    private static final String STORY =
            """
            query Story($id: ID!) {
              customer(id: $id) {
                id name
                owner { id name }
                leads(first: 10) { edges { node { id status } } pageInfo { hasNextPage } }
                deals(first: 10) { edges { node { id stage stageHistory { to at } } } }
                attachments { id fileName }
                auditTrail(first: 10) { edges { node { eventId operation } } }
                timeline(first: 50) {
                  edges { cursor node { at kind title actorId entityId detail } }
                  pageInfo { hasNextPage endCursor }
                }
              }
            }""";

    private static CountedDynamo cloud;
    private static CoreServices services;
    private static CrmGraphql graphql;
    private static DynamoCallTally tally;

    @BeforeAll
    static void start() throws Exception {
        cloud = CountedDynamo.start(TestSupport.PROJECT_TEMPLATE, Clock.systemUTC());
        services = cloud.services();
        graphql = CrmGraphql.build(services, "test");
        tally = cloud.tally();
    }

    @AfterAll
    static void stop() throws Exception {
        cloud.close();
    }

    @Test
    void customer360_withFiftyActivitiesFiveDealsAndThreeLeads_costsAPinnedNumberOfCalls() {
        // GIVEN a rep's customer with 5 deals moved 10 times each (50 stage changes), 3 linked
        // leads with their creation audit rows, 2 attachments, 3 audit rows of its own and 50
        // activities
        Customer customer =
                services.customers()
                        .create(
                                CustomerInput.builder().name("Story Co").phone(mobile()).build(),
                                REP);
        List<String> dealIds = new ArrayList<>();
        for (int d = 0; d < 5; d++) {
            dealIds.add(seesaw(newDeal(customer, "Deal " + d), 10).id());
        }
        List<String> leadIds = new ArrayList<>();
        for (int l = 0; l < 3; l++) {
            leadIds.add(linkedLead(customer));
        }
        for (int a = 0; a < 2; a++) {
            attach(customer);
        }
        for (int r = 0; r < 3; r++) {
            auditRow("Customer", customer.id(), AuditOperation.UPDATE, Instant.now());
        }
        // and 50 follow-ups logged on it
        for (int a = 0; a < 50; a++) {
            services.activities()
                    .service()
                    .log(
                            ActivityInput.builder()
                                    .customerId(customer.id())
                                    .kind(ActivityKind.CALL)
                                    .body("call " + a + ": asked about delivery dates")
                                    .build(),
                            REP);
        }

        // WHEN the rep opens the customer's screen: one request
        tally.reset();
        Map<String, Object> data = data(STORY, Map.of("id", customer.id()));

        // THEN every part is there
        Map<String, Object> node = map(data.get("customer"));
        assertEquals(DemoOrg.REP_A1.id(), map(node.get("owner")).get("id"));
        assertEquals(3, edges(node.get("leads")).size());
        assertEquals(5, edges(node.get("deals")).size());
        assertEquals(2, ((List<?>) node.get("attachments")).size());
        assertEquals(3, edges(node.get("auditTrail")).size());
        List<Map<String, Object>> timeline = edges(node.get("timeline"));
        assertEquals(50, timeline.size());
        assertEquals(true, map(map(node.get("timeline")).get("pageInfo")).get("hasNextPage"));
        List<String> times =
                timeline.stream().map(edge -> (String) map(edge.get("node")).get("at")).toList();
        List<String> newestFirst = new ArrayList<>(times);
        newestFirst.sort(java.util.Comparator.reverseOrder());
        assertEquals(newestFirst, times, "the timeline is newest first");
        assertEquals(
                "ACTIVITY_CALL",
                map(timeline.get(0).get("node")).get("kind"),
                "the follow-ups, logged last, lead the timeline");
        // and what it cost, by operation:
        //   GetItem 3: the customer, and the record checks of auditTrail and the timeline's
        //   activities (attachments come from the batch loader, over the customer read already);
        //   BatchGetItem 1: the owner (UserLoader);
        //   Query 22: leads 1, deals 1 + their stageHistory batch 5 (DealHistoryLoader, side by
        //   side), attachments 1, auditTrail 1, timeline: the deals 1 + their 5 history
        //   partitions, the leads 1 + their 3 audit trails (each side by side), the customer's
        //   activities 1 and its ticket events 1 (issue 17: one partition, even with no ticket),
        //   and the pipeline configuration 1 (a deal's probability)
        assertEquals(
                Map.of("GetItem", 3L, "BatchGetItem", 1L, "Query", 22L),
                tally.byOperation(),
                "calls by operation");
        assertNotNull(dealIds);
        assertEquals(3, leadIds.size());
    }

    private static String mobile() {
        return "+86139"
                + String.format("%08d", Math.floorMod(UUID.randomUUID().hashCode(), 100_000_000));
    }

    private static Deal newDeal(Customer customer, String title) {
        return services.deals()
                .create(
                        DealInput.builder()
                                .customerId(customer.id())
                                .title(title)
                                .amount(500_00L)
                                .grossMarginPercent(30)
                                .build(),
                        REP);
    }

    /** Forward to CONTACTED and one step back, {@code moves} times in all. */
    private static Deal seesaw(Deal deal, int moves) {
        Deal current = deal;
        for (int i = 0; i < moves; i++) {
            DealStage to = i % 2 == 0 ? DealStage.CONTACTED : DealStage.NEW;
            current = services.deals().move(current.id(), current.version(), to, null, null, REP);
        }
        return current;
    }

    /** A lead linked with the customer and the audit row its insert leaves. */
    private static String linkedLead(Customer customer) {
        Instant now = Instant.now();
        Lead lead =
                Lead.builder()
                        .id("lead-" + UUID.randomUUID())
                        .channel("website")
                        .status(LeadStatus.CONVERTED)
                        .fields(LeadFields.builder().name("Prospect").phone(mobile()).build())
                        .ownerId(REP.userId())
                        .team(REP.team())
                        .customerId(customer.id())
                        .createdAt(now)
                        .build();
        new LeadStore(
                        cloud.dynamo(),
                        DynamoClients.enhanced(cloud.dynamo()),
                        cloud.tables(),
                        (before, after, capacity) -> List.of())
                .insert(lead, WriteStamp.of(REP, now));
        auditRow("Lead", lead.id(), AuditOperation.CREATE, now);
        return lead.id();
    }

    /** A row as the audit stream function writes it for a change of the record. */
    private static void auditRow(
            String entityType, String entityId, AuditOperation operation, Instant at) {
        new AuditStore(DynamoClients.enhanced(cloud.dynamo()), cloud.tables())
                .append(
                        AuditEntry.builder()
                                .eventId("evt-" + UUID.randomUUID())
                                .entityType(entityType)
                                .entityId(entityId)
                                .operation(operation)
                                .actorId(REP.userId())
                                .at(at)
                                .version(1L)
                                .changes(List.of())
                                .build());
    }

    private static void attach(Customer customer) {
        String id = "up-" + UUID.randomUUID();
        new AttachmentStore(cloud.dynamo(), cloud.tables())
                .createIfAbsent(
                        Attachment.builder()
                                .id(id)
                                .entityId(customer.id())
                                .entityType("Customer")
                                .kind("OTHER")
                                .fileName("quote.pdf")
                                .contentType("application/pdf")
                                .size(1024)
                                .sha256("0".repeat(64))
                                .uploadedBy(REP.userId())
                                .uploadedAt(Instant.now())
                                .objectKey("attachments/" + id)
                                .version(1)
                                .build());
    }

    private static Map<String, Object> data(String query, Map<String, Object> variables) {
        Map<String, Object> response = graphql.execute(GraphqlRequest.of(query, variables), REP);
        assertFalse(response.containsKey("errors"), () -> "errors: " + response.get("errors"));
        return map(response.get("data"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> edges(Object connection) {
        return (List<Map<String, Object>>) map(connection).get("edges");
    }
}
