package org.opencrm.core.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserService;

/**
 * Delivers notifications to their channels: the inbox (the item itself), the
 * recipient's robot (their own, else their team's) and, for customers, SMS. Each attempt is
 * first claimed with a write conditional on the delivery version, then made, then recorded:
 * a redelivered stream batch or an overlapping retry finds the claim or the SENT mark and
 * sends nothing again. Failures retry with exponential backoff, driven by the schedule.
 */
public final class Dispatcher {

    private static final int ROUNDS = 5;

    private final DeliveryStore store;
    private final ConfigService config;
    private final UserService users;
    private final RobotSender robots;
    private final Clock clock;

    public Dispatcher(DeliveryStore store, ConfigService config, UserService users, RobotSender robots, Clock clock) {
        this.store = store;
        this.config = config;
        this.users = users;
        this.robots = robots;
        this.clock = clock;
    }

    /** Works the notification's due deliveries; safe to call any number of times, from anywhere. */
    public void dispatch(String notificationId) {
        NotificationSettings settings = config.current(NotificationSettings.DEFINITION);
        for (int round = 0; round < ROUNDS; round++) {
            Optional<DeliveryStore.Tracked> found = store.find(notificationId);
            if (found.isEmpty()) {
                return;
            }
            DeliveryStore.Tracked tracked = found.get();
            if (tracked.version() == 0) {
                store.save(notificationId, 0, plan(tracked.notification(), settings));
                continue;
            }
            Optional<Integer> due = firstDue(tracked.deliveries());
            if (due.isEmpty()) {
                return;
            }
            attempt(tracked, due.get(), settings);
        }
    }

    /** The re-drive: every notification with a delivery due now. */
    public int redrive(int limit) {
        List<String> due = store.due(clock.instant(), limit);
        due.forEach(this::dispatch);
        return due.size();
    }

    private void attempt(DeliveryStore.Tracked tracked, int index, NotificationSettings settings) {
        Instant now = clock.instant();
        List<Delivery> claimed = new ArrayList<>(tracked.deliveries());
        Delivery delivery = claimed.get(index).sending(now);
        claimed.set(index, delivery);
        if (!store.save(tracked.notification().id(), tracked.version(), claimed)) {
            return;
        }
        Optional<String> failure = send(delivery.channel(), tracked.notification(), settings, now);
        List<Delivery> done = new ArrayList<>(claimed);
        done.set(index, failure.map(why -> delivery.failed(why, clock.instant(),
                        Duration.ofSeconds(settings.firstRetrySeconds()), settings.maxAttempts()))
                .orElseGet(() -> delivery.succeeded(clock.instant())));
        store.save(tracked.notification().id(), tracked.version() + 1, done);
    }

    private Optional<String> send(String channel, Notification notification, NotificationSettings settings, Instant now) {
        Optional<Robot> robot = robotOf(notification.recipientId(), settings);
        if (robot.isEmpty() || !robot.get().type().name().equals(channel)) {
            return Optional.of("no " + channel + " robot configured for " + notification.recipientId());
        }
        return robots.send(RobotMessages.of(robot.get(), notification, now));
    }

    private Optional<Integer> firstDue(List<Delivery> deliveries) {
        Instant now = clock.instant();
        for (int i = 0; i < deliveries.size(); i++) {
            if (deliveries.get(i).due(now)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The channels of this notification: the inbox is delivered by being written; robots and SMS wait. */
    private List<Delivery> plan(Notification notification, NotificationSettings settings) {
        List<Delivery> deliveries = new ArrayList<>();
        Instant now = clock.instant();
        for (String channel : settings.channelsFor(notification.recipientId(), notification.kind())) {
            switch (channel) {
                case "INBOX" -> deliveries.add(Delivery.sent("INBOX", now));
                case "ROBOT" -> robotOf(notification.recipientId(), settings)
                        .ifPresent(robot -> deliveries.add(Delivery.pending(robot.type().name())));
                default -> deliveries.add(Delivery.failedForGood(channel,
                        channel + " delivery is not available yet"));
            }
        }
        return deliveries;
    }

    /** The recipient's own robot, else their team's. */
    private Optional<Robot> robotOf(String recipientId, NotificationSettings settings) {
        Robot own = settings.robots().get("user:" + recipientId);
        if (own != null) {
            return Optional.of(own);
        }
        return users.findOptional(recipientId).map(User::team).map(team -> settings.robots().get("team:" + team));
    }
}
