package org.opencrm.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;

/**
 * What the dispatcher does with an attempt that never reported back (its process died after
 * sending, perhaps).
 */
class DispatcherTest {

    // nothing listens on port 1: an attempt that is made fails as unreachable
    private static final String NOWHERE = "http://127.0.0.1:1/hook";
    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = LocalDynamo.shared().services(clock);
    private final Caller admin = TestOrg.member(services, Role.ADMIN, null, null);

    @Test
    void lapsedAttempt_toAGroupRobot_isNotSentAgain_butToAnIdempotentWebhook_itIs() {
        String robotUser = "robot-" + UUID.randomUUID();
        String hookUser = "hook-" + UUID.randomUUID();
        configure(
                Map.of(
                        "user:" + robotUser,
                        Map.of("type", "WECOM", "url", NOWHERE),
                        "user:" + hookUser,
                        Map.of("type", "WEBHOOK", "url", NOWHERE, "secret", "s")));
        String robotNote = claimedAndLost(robotUser);
        String hookNote = claimedAndLost(hookUser);

        clock.advance(Duration.ofMinutes(2));
        services.dispatcher().dispatch(robotNote);
        services.dispatcher().dispatch(hookNote);

        Delivery robot = delivery(robotNote, "WECOM");
        Delivery hook = delivery(hookNote, "WEBHOOK");
        assertEquals(Delivery.Status.FAILED, robot.status());
        assertTrue(robot.reason().startsWith("outcome unknown"), robot.reason());
        assertEquals(1, robot.attempts(), "no second attempt at the robot");
        assertEquals(2, hook.attempts(), "the webhook, which can drop a copy, is tried again");
        assertTrue(hook.reason().startsWith("unreachable"), hook.reason());
    }

    @Test
    void userPreferences_surviveAnAdminsEditOfTheConfiguration() {
        String user = "prefs-" + UUID.randomUUID();
        Caller rep = TestCallers.named(user, Role.SALES_REP, "east", "t");
        services.preferences().set(NotificationKind.SLA_WARNING, List.of("ROBOT"), rep);

        configure(Map.of());

        assertEquals(Map.of("SLA_WARNING", List.of("ROBOT")), services.preferences().of(user));
    }

    @Test
    void userPreferences_cannotRouteTheirNotificationsToFinanceOrSms() {
        var refused =
                org.junit.jupiter.api.Assertions.assertThrows(
                        org.opencrm.core.error.ValidationException.class,
                        () ->
                                services.preferences()
                                        .set(
                                                NotificationKind.LEAD_ASSIGNED,
                                                List.of("FINANCE"),
                                                admin));

        assertEquals("channels", refused.problems().get(0).field());
    }

    /** A notification whose robot delivery was claimed, and then nothing: the process died. */
    private String claimedAndLost(String recipient) {
        Notification notification =
                Notification.of(
                        "t-" + UUID.randomUUID(),
                        recipient,
                        NotificationKind.SLA_WARNING,
                        "Warning",
                        "body",
                        Map.of(),
                        clock.instant());
        services.outbox().send(notification);
        DeliveryStore store = services.deliveries();
        String channel = recipient.startsWith("robot") ? "WECOM" : "WEBHOOK";
        assertTrue(
                store.save(
                        notification.id(),
                        0,
                        List.of(
                                Delivery.sent("INBOX", clock.instant()),
                                Delivery.pending(channel).sending(clock.instant()))));
        return notification.id();
    }

    private Delivery delivery(String id, String channel) {
        return services.deliveries().find(id).orElseThrow().deliveries().stream()
                .filter(d -> d.channel().equals(channel))
                .findFirst()
                .orElseThrow();
    }

    private void configure(Map<String, Object> robots) {
        ObjectMapper json = new ObjectMapper();
        long version = services.config().get(NotificationSettings.NAME).version();
        ObjectNode value = json.createObjectNode();
        value.set("robots", json.valueToTree(robots));
        services.config().set(NotificationSettings.NAME, version, value, "test robots", admin);
    }
}
