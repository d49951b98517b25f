package org.opencrm.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.LocalDynamo;

/** The delivery store's reads of many notifications at once. */
class DeliveryStoreReadsTest {

    private final CoreServices services = LocalDynamo.shared().services(Clock.systemUTC());
    private final DeliveryStore store = services.deliveries();

    @Test
    void findAll_readsEveryExistingNotification_pastOneBatchOf100_andLeavesOutUnknownIds() {
        // GIVEN 150 notifications with deliveries, and two ids nobody wrote
        String recipient = "rep-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-02-01T00:00:00Z");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String id = notify(recipient, at.plusSeconds(i));
            store.save(id, 0, List.of(Delivery.sent("INBOX", at)));
            ids.add(id);
        }
        List<String> asked = new ArrayList<>(ids);
        asked.add("nobody-wrote-this-" + UUID.randomUUID());
        asked.add("nor-this-" + UUID.randomUUID());

        // WHEN they are read together
        Map<String, TrackedNotification> found = store.findAll(asked);

        // THEN every existing one, with its deliveries and version, as a single read sees it
        assertEquals(150, found.size());
        for (String id : ids) {
            assertEquals(store.find(id).orElseThrow(), found.get(id), "notification " + id);
        }
        assertEquals(List.of(Delivery.sent("INBOX", at)), found.get(ids.get(0)).deliveries());
        assertEquals(1, found.get(ids.get(0)).version());
    }

    @Test
    void trackedInbox_carriesEachNotificationsDeliveries_asTheStoreHoldsThem() {
        // GIVEN one notification planned and one not yet
        String recipient = "rep-" + UUID.randomUUID();
        Instant at = Instant.parse("2026-02-02T00:00:00Z");
        String planned = notify(recipient, at.plusSeconds(1));
        String unplanned = notify(recipient, at);
        List<Delivery> plan = List.of(Delivery.sent("INBOX", at), Delivery.pending("WECOM"));
        store.save(planned, 0, plan);

        // WHEN the inbox is listed
        List<TrackedNotification> inbox =
                services
                        .outbox()
                        .trackedInbox(recipient, false, PageRequest.of(10, null))
                        .entries()
                        .stream()
                        .map(entry -> entry.item())
                        .toList();

        // THEN newest first, each with its deliveries
        assertEquals(
                List.of(planned, unplanned),
                inbox.stream().map(t -> t.notification().id()).toList());
        assertEquals(plan, inbox.get(0).deliveries());
        assertEquals(List.of(), inbox.get(1).deliveries());
        assertEquals(0, inbox.get(1).version());
    }

    @Test
    void failures_listTheNewestFailureFirst_acrossShards_cutToTheLimit() {
        // GIVEN 12 notifications that failed a minute apart, in a window nobody else uses
        Instant window =
                Instant.parse("2003-03-03T03:00:00Z")
                        .plusSeconds(new Random().nextInt(1_000_000) * 60L);
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Instant failedAt = window.plus(Duration.ofMinutes(i));
            String id = notify("hook-" + UUID.randomUUID(), failedAt);
            store.save(id, 0, List.of(Delivery.failedForGood("WEBHOOK", "HTTP 500", failedAt)));
            newestFirst.add(0, id);
        }

        // WHEN the ten newest of the window are asked for
        List<String> failures = store.failures(window, window.plus(Duration.ofHours(1)), 10);

        // THEN
        assertEquals(newestFirst.subList(0, 10), failures);
        assertFalse(failures.contains(newestFirst.get(11)));
    }

    private String notify(String recipient, Instant at) {
        Notification notification =
                Notification.of(
                        "t-" + UUID.randomUUID(),
                        recipient,
                        NotificationKind.SLA_WARNING,
                        "Warning",
                        "body",
                        Map.of(),
                        at);
        services.outbox().send(notification);
        return notification.id();
    }
}
