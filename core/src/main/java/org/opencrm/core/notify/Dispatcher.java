package org.opencrm.core.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.metrics.BusinessEvent;
import org.opencrm.core.metrics.BusinessTally;
import org.opencrm.core.store.ConflictRetry;
import org.opencrm.core.store.LostRace;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserService;

/**
 * Delivers notifications to their channels: the inbox (the item itself), the recipient's
 * robot (their own, else their team's) and, for customers, SMS. Each attempt is first claimed with
 * a write conditional on the delivery version, then made, then recorded: a redelivered stream batch
 * or an overlapping retry finds the claim or the SENT mark and sends nothing again. Failures retry
 * with exponential backoff, driven by the schedule.
 */
public final class Dispatcher {

    private static final int ROUNDS = 5;
    private static final int FAILURES_SHOWN = 100;
    private static final String SMS = "SMS";
    private static final String FINANCE = "FINANCE";

    /**
     * Channels whose receivers get an Idempotency-Key and can drop a copy: safe to send again after
     * a lost attempt.
     */
    private static final java.util.Set<String> IDEMPOTENT = java.util.Set.of("WEBHOOK", FINANCE);

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(Dispatcher.class.getName());

    private final DeliveryStore store;
    private final ConfigService config;
    private final UserService users;
    private final RobotSender robots;
    private final SnsSms sms;
    private final org.opencrm.core.counter.CounterStore counters;
    private final NotificationOutbox outbox;
    private final NotificationPreferences preferences;
    private final Clock clock;

    private Dispatcher(Builder builder) {
        this.store = builder.store;
        this.config = builder.config;
        this.users = builder.users;
        this.robots = builder.robots;
        this.sms = builder.sms;
        this.counters = builder.counters;
        this.outbox = builder.outbox;
        this.preferences = builder.preferences;
        this.clock = builder.clock;
    }

    /** A dispatcher named collaborator by collaborator; several share a type family. */
    public static Builder builder() {
        return new Builder();
    }

    /** Why an attempt failed, and whether trying again can help (a daily cap cannot). */
    private record Failure(String reason, boolean retry) {}

    /** Works the notification's due deliveries; safe to call any number of times, from anywhere. */
    public void dispatch(String notificationId) {
        NotificationSettings settings = config.current(NotificationSettings.DEFINITION);
        for (int round = 0; round < ROUNDS; round++) {
            Optional<TrackedNotification> found = store.find(notificationId);
            if (found.isEmpty()) {
                return;
            }
            TrackedNotification tracked = found.get();
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

    /**
     * Notifications with a failed delivery in [from, to] (open ends: the beginning, now), newest
     * first, at most 100, each with its deliveries.
     */
    public List<TrackedNotification> failures(Instant from, Instant to) {
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? Instant.EPOCH : from;
        if (start.isAfter(end)) {
            throw new org.opencrm.core.error.ValidationException(
                    new org.opencrm.core.error.FieldProblem(
                            "from",
                            "beforeTo",
                            "must not be after to (" + end + "), got " + start,
                            null));
        }
        List<String> ids = store.failures(start, end, FAILURES_SHOWN);
        // read together, listed in the index's order; one that expired meanwhile is left out
        Map<String, TrackedNotification> found = store.findAll(ids);
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    /**
     * The re-drive: every notification with a delivery due now; one that fails does not stop the
     * rest.
     */
    public int redrive(int limit) {
        List<String> due = store.due(clock.instant(), limit);
        for (String id : due) {
            try {
                dispatch(id);
            } catch (RuntimeException unexpected) {
                LOG.log(
                        Level.WARNING,
                        "re-drive of notification " + id + " failed; the next run tries again",
                        unexpected);
            }
        }
        return due.size();
    }

    private void attempt(TrackedNotification tracked, int index, NotificationSettings settings) {
        Instant now = clock.instant();
        List<Delivery> claimed = new ArrayList<>(tracked.deliveries());
        Delivery current = claimed.get(index);
        if (current.status() == Delivery.Status.SENDING
                && !IDEMPOTENT.contains(current.channel())) {
            // the attempt may have gone out before its process died: a group robot or a phone
            // cannot
            // tell a copy from a new message, so it is not sent again (at most once for these)
            claimed.set(
                    index,
                    current.refused(
                            "outcome unknown: the attempt at "
                                    + current.lastAttemptAt()
                                    + " never reported back; not re-sent to avoid a duplicate",
                            now));
            store.save(tracked.notification().id(), tracked.version(), claimed);
            return;
        }
        if (current.attempts() >= settings.maxAttempts()) {
            claimed.set(
                    index,
                    current.refused("gave up after " + current.attempts() + " attempts", now));
            store.save(tracked.notification().id(), tracked.version(), claimed);
            return;
        }
        if (SMS.equals(current.channel()) && settings.smsAllowedFrom(now).isAfter(now)) {
            // quiet hours: held until morning, not dropped and not a failure
            Instant morning = settings.smsAllowedFrom(now);
            claimed.set(index, current.heldUntil(morning, "quiet hours until " + morning));
            store.save(tracked.notification().id(), tracked.version(), claimed);
            return;
        }
        Delivery delivery = current.sending(now);
        claimed.set(index, delivery);
        if (!store.save(tracked.notification().id(), tracked.version(), claimed)) {
            return;
        }
        Optional<Failure> failure =
                sendSafely(delivery.channel(), tracked.notification(), settings, now);
        Instant after = clock.instant();
        Delivery result =
                failure.map(
                                why ->
                                        why.retry()
                                                ? delivery.failed(
                                                        why.reason(),
                                                        after,
                                                        Duration.ofSeconds(
                                                                settings.firstRetrySeconds()),
                                                        settings.maxAttempts())
                                                : delivery.refused(why.reason(), after))
                        .orElseGet(() -> delivery.succeeded(after));
        boolean recorded = record(tracked.notification().id(), index, delivery, result);
        if (recorded) {
            BusinessTally.count(
                    result.status() == Delivery.Status.SENT
                            ? BusinessEvent.DELIVERY_SENT
                            : BusinessEvent.DELIVERY_FAILED);
        }
        if (recorded && gaveUp(result) && FINANCE.equals(delivery.channel())) {
            tellAdmins(tracked.notification(), result);
        }
    }

    /**
     * Records an attempt's result. Another dispatcher may have moved another channel of the same
     * item meanwhile (the version covers the whole item): re-read, and record it as long as this
     * channel still shows this attempt's claim.
     */
    private boolean record(String id, int index, Delivery claim, Delivery result) {
        try {
            return ConflictRetry.standard().run(attempt -> recordOnce(id, index, claim, result));
        } catch (LostRace keptChanging) {
            return false;
        }
    }

    private boolean recordOnce(String id, int index, Delivery claim, Delivery result) {
        Optional<TrackedNotification> now = store.find(id);
        if (now.isEmpty()
                || now.get().deliveries().size() <= index
                || !claim.equals(now.get().deliveries().get(index))) {
            return false;
        }
        List<Delivery> done = new ArrayList<>(now.get().deliveries());
        done.set(index, result);
        if (!store.save(id, now.get().version(), done)) {
            throw new LostRace("notification " + id + " changed meanwhile");
        }
        return true;
    }

    /** A send that throws is a failed attempt like any other, not a delivery stuck in SENDING. */
    private Optional<Failure> sendSafely(
            String channel, Notification notification, NotificationSettings settings, Instant now) {
        try {
            return send(channel, notification, settings, now);
        } catch (RuntimeException unexpected) {
            LOG.log(
                    Level.WARNING,
                    "sending notification " + notification.id() + " to " + channel + " failed",
                    unexpected);
            return Optional.of(
                    new Failure("failed: " + unexpected.getClass().getSimpleName(), true));
        }
    }

    private static boolean gaveUp(Delivery delivery) {
        return delivery.status() == Delivery.Status.FAILED && delivery.nextAttemptAt() == null;
    }

    /**
     * A push that will not be retried again is everybody's problem: every active admin hears of it,
     * once.
     */
    private void tellAdmins(Notification push, Delivery failed) {
        for (User admin : users.activeWithRole(org.opencrm.core.access.Role.ADMIN)) {
            outbox.send(
                    Notification.of(
                            push.id(),
                            admin.id(),
                            NotificationKind.SYNC_FAILED,
                            "Finance sync failed",
                            "customer "
                                    + push.payload().get("customerId")
                                    + ": "
                                    + failed.reason()
                                    + " after "
                                    + failed.attempts()
                                    + " attempts",
                            Map.of("customerId", String.valueOf(push.payload().get("customerId"))),
                            clock.instant()));
        }
    }

    private Optional<Failure> send(
            String channel, Notification notification, NotificationSettings settings, Instant now) {
        if (SMS.equals(channel)) {
            return sendSms(notification, settings, now);
        }
        if (FINANCE.equals(channel)) {
            if (!settings.hasFinance()) {
                return Optional.of(
                        new Failure(
                                "no finance endpoint configured (notifications.finance)", true));
            }
            return robots.send(
                            RobotMessages.finance(
                                    settings.finance(),
                                    settings.financePayeeAccount(),
                                    notification,
                                    now))
                    .map(why -> new Failure(why, true));
        }
        Optional<Robot> robot = robotOf(notification.recipientId(), settings);
        if (robot.isEmpty() || !robot.get().type().name().equals(channel)) {
            return Optional.of(
                    new Failure(
                            "no " + channel + " robot configured for " + notification.recipientId(),
                            true));
        }
        return robots.send(RobotMessages.of(robot.get(), notification, now))
                .map(why -> new Failure(why, true));
    }

    /** One customer gets at most the configured SMS per local day; the cap is an atomic counter. */
    private Optional<Failure> sendSms(
            Notification notification, NotificationSettings settings, Instant now) {
        String phone = notification.payload().get("phone");
        java.time.LocalDate day =
                now.atZone(java.time.ZoneId.of(settings.smsTimeZone())).toLocalDate();
        Instant forget = now.plus(Duration.ofDays(2));
        if (!counters.addWithin(
                org.opencrm.core.store.Keys.smsDaily(phone, day),
                1,
                settings.smsPerCustomerPerDay(),
                forget)) {
            return Optional.of(
                    new Failure(
                            "daily cap of "
                                    + settings.smsPerCustomerPerDay()
                                    + " SMS to "
                                    + phone
                                    + " reached",
                            false));
        }
        Optional<SnsSms.Refusal> failed = sms.publish(phone, notification.body());
        if (failed.isPresent()) {
            // not sent: the day's allowance is given back
            counters.addStanding(org.opencrm.core.store.Keys.smsDaily(phone, day), -1, null);
        }
        return failed.map(why -> new Failure(why.reason(), why.retryable()));
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

    /**
     * The channels of this notification: the inbox is delivered by being written; robots and SMS
     * wait.
     */
    private List<Delivery> plan(Notification notification, NotificationSettings settings) {
        List<Delivery> deliveries = new ArrayList<>();
        Instant now = clock.instant();
        for (String channel :
                settings.channelsFor(
                        notification.kind(), preferences.of(notification.recipientId()))) {
            switch (channel) {
                case "INBOX" -> deliveries.add(Delivery.sent("INBOX", now));
                case "ROBOT" ->
                        robotOf(notification.recipientId(), settings)
                                .ifPresent(
                                        robot ->
                                                deliveries.add(
                                                        Delivery.pending(robot.type().name())));
                case FINANCE ->
                        deliveries.add(
                                notification.kind() == NotificationKind.FINANCE_SYNC
                                        ? Delivery.pending(FINANCE)
                                        : Delivery.failedForGood(
                                                FINANCE, "only finance syncs go to finance", now));
                case SMS ->
                        deliveries.add(
                                notification.payload().containsKey("phone")
                                        ? Delivery.pending(SMS)
                                        : Delivery.failedForGood(
                                                SMS, "no phone number in the notification", now));
                default ->
                        deliveries.add(
                                Delivery.failedForGood(channel, "unknown channel " + channel, now));
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
        return users.findOptional(recipientId)
                .map(User::team)
                .map(team -> settings.robots().get("team:" + team));
    }

    /** Names every collaborator; {@link #build()} is the one caller of the constructor. */
    public static final class Builder {
        private DeliveryStore store;
        private ConfigService config;
        private UserService users;
        private RobotSender robots;
        private SnsSms sms;
        private org.opencrm.core.counter.CounterStore counters;
        private NotificationOutbox outbox;
        private NotificationPreferences preferences;
        private Clock clock;

        private Builder() {}

        public Builder store(DeliveryStore value) {
            this.store = value;
            return this;
        }

        public Builder config(ConfigService value) {
            this.config = value;
            return this;
        }

        public Builder users(UserService value) {
            this.users = value;
            return this;
        }

        public Builder robots(RobotSender value) {
            this.robots = value;
            return this;
        }

        public Builder sms(SnsSms value) {
            this.sms = value;
            return this;
        }

        public Builder counters(org.opencrm.core.counter.CounterStore value) {
            this.counters = value;
            return this;
        }

        public Builder outbox(NotificationOutbox value) {
            this.outbox = value;
            return this;
        }

        public Builder preferences(NotificationPreferences value) {
            this.preferences = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Dispatcher build() {
            return new Dispatcher(this);
        }
    }
}
