package org.opencrm.infra.reads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.opencrm.core.access.Role;
import org.opencrm.core.notify.Delivery;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.graphql.CrmGraphql;
import org.opencrm.graphql.GraphqlRequest;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.bench.CountedDynamo;
import org.opencrm.infra.bench.DynamoCallTally;

/**
 * What a list costs in DynamoDB calls, pinned: per-node fields are read for the whole list at once,
 * so the calls stay a small constant however many nodes a page holds. Runs real query strings
 * through the real schema over DynamoDB Local in server mode, counting every call of the one SDK
 * client, whichever thread makes it.
 */
class BatchedReadsTest {

    private static final Caller ADMIN = DemoOrg.ADMIN.caller("test");

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
    void aPageOf100Customers_readsEverySyncStatusInTwoBatchReads_notAQueryAndAReadPerCustomer() {
        // GIVEN 100 customers, half of them signed with a push that failed once
        List<String> signedFirst = cloud.seedHalfSignedCustomers(100);

        // WHEN a page of all of them is listed with their sync status
        tally.reset();
        Map<String, Object> data =
                data(
                        ADMIN,
                        "{ customers(first: 100) { edges { node { id syncStatus { channel status attempts } } } } }");

        // THEN the shards' list queries, one batch read of the pointers, one of the pushes
        assertEquals(
                Map.of("Query", 4L, "BatchGetItem", 2L), tally.byOperation(), "calls by operation");
        List<Map<String, Object>> nodes = nodes(data, "customers");
        assertEquals(100, nodes.size());
        for (Map<String, Object> node : nodes) {
            boolean signed = signedFirst.indexOf((String) node.get("id")) < 50;
            Object status = node.get("syncStatus");
            assertEquals(signed, status != null, "sync status of " + node.get("id"));
            if (signed) {
                assertEquals("FINANCE", ((Map<?, ?>) status).get("channel"));
                assertEquals("FAILED", ((Map<?, ?>) status).get("status"));
            }
        }
    }

    @Test
    void anInboxPageOf100_showsEveryNotificationsChannels_fromTheOneInboxQuery() {
        // GIVEN a rep with 100 notifications, each delivered to the inbox with a robot pending
        String rep = "rep-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-03-01T08:00:00Z");
        for (int i = 0; i < 100; i++) {
            String id = notify(rep, at.plusSeconds(i));
            services.deliveries()
                    .save(id, 0, List.of(Delivery.sent("INBOX", at), Delivery.pending("WECOM")));
        }

        // WHEN the rep lists them with their channels
        tally.reset();
        Map<String, Object> data =
                data(
                        caller(rep),
                        "{ notifications(first: 100) { edges { node { id channels { channel status } } } } }");

        // THEN one query: the channels come with the notifications
        assertEquals(Map.of("Query", 1L), tally.byOperation(), "calls by operation");
        List<Map<String, Object>> nodes = nodes(data, "notifications");
        assertEquals(100, nodes.size());
        for (Map<String, Object> node : nodes) {
            assertEquals(
                    List.of(
                            Map.of("channel", "INBOX", "status", "SENT"),
                            Map.of("channel", "WECOM", "status", "PENDING")),
                    node.get("channels"),
                    "channels of " + node.get("id"));
        }
    }

    @Test
    void deliveryFailuresOf100_readsTheFailedNotificationsInOneBatch_afterTheShardsIndexQueries() {
        // GIVEN 100 notifications whose webhook failed within one hour, half a minute apart
        Instant hour = Instant.parse("2025-05-05T10:00:00Z");
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Instant failedAt = hour.plusSeconds(30L * i);
            String id = notify("hook-" + UUID.randomUUID(), failedAt);
            Delivery failed =
                    Delivery.pending("WEBHOOK").sending(failedAt).refused("HTTP 500", failedAt);
            services.deliveries().save(id, 0, List.of(failed));
            newestFirst.add(0, id);
        }

        // WHEN an admin lists that hour's failures with their channels
        tally.reset();
        Map<String, Object> data =
                data(
                        ADMIN,
                        "{ deliveryFailures(from: \"2025-05-05T10:00:00Z\", to: \"2025-05-05T11:00:00Z\") { id channels { channel status reason } } }");

        // THEN one index query per shard and one batch read, newest failure first
        assertEquals(
                Map.of("Query", 4L, "BatchGetItem", 1L), tally.byOperation(), "calls by operation");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> failures =
                (List<Map<String, Object>>) data.get("deliveryFailures");
        assertEquals(newestFirst, failures.stream().map(node -> node.get("id")).toList());
        assertEquals(
                List.of(Map.of("channel", "WEBHOOK", "status", "FAILED", "reason", "HTTP 500")),
                failures.get(0).get("channels"));
    }

    @Test
    void unreadCountAndItsCap_costOneQuery_andSayWhenOlderNotificationsWereNotCounted() {
        // GIVEN a rep with 103 notifications, the newest 3 of them read
        String rep = "rep-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-04-01T08:00:00Z");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 103; i++) {
            ids.add(notify(rep, at.plusSeconds(i)));
        }
        services.deliveries().markRead(rep, ids.subList(100, 103));

        // WHEN the app asks for the badge
        tally.reset();
        Map<String, Object> data = data(caller(rep), "{ unreadCount unreadCountCapped }");

        // THEN one query looked at the newest 100: 97 unread there, and older ones exist
        assertEquals(Map.of("Query", 1L), tally.byOperation(), "calls by operation");
        assertEquals(97, data.get("unreadCount"));
        assertEquals(true, data.get("unreadCountCapped"));
    }

    @Test
    void unreadCount_isExactAndNotCapped_whenTheInboxFitsTheWindow() {
        // GIVEN a rep with 5 notifications, 2 of them read (one marked twice)
        String rep = "rep-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-04-02T08:00:00Z");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(notify(rep, at.plusSeconds(i)));
        }
        services.deliveries().markRead(rep, ids.subList(0, 2));
        services.deliveries().markRead(rep, ids.subList(1, 2));

        // WHEN the app asks for the badge
        Map<String, Object> data = data(caller(rep), "{ unreadCount unreadCountCapped }");

        // THEN every notification was counted
        assertEquals(3, data.get("unreadCount"));
        assertFalse((Boolean) data.get("unreadCountCapped"));
    }

    private static String notify(String recipient, Instant at) {
        Notification notification =
                Notification.of(
                        "t-" + UUID.randomUUID(),
                        recipient,
                        NotificationKind.SLA_WARNING,
                        "Warning",
                        "body",
                        Map.of(),
                        at);
        assertTrue(services.outbox().send(notification));
        return notification.id();
    }

    private static Caller caller(String userId) {
        return Caller.builder()
                .userId(userId)
                .role(Role.SALES_REP)
                .region("east")
                .team("east-a")
                .requestId("test")
                .sourceIp("127.0.0.1")
                .build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Caller caller, String query) {
        Map<String, Object> response = graphql.execute(GraphqlRequest.of(query), caller);
        assertFalse(response.containsKey("errors"), () -> "errors: " + response.get("errors"));
        return (Map<String, Object>) response.get("data");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> nodes(Map<String, Object> data, String connection) {
        List<Map<String, Object>> edges =
                (List<Map<String, Object>>)
                        ((Map<String, Object>) data.get(connection)).get("edges");
        return edges.stream().map(edge -> (Map<String, Object>) edge.get("node")).toList();
    }
}
