package org.opencrm.core.idle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.access.Role;
import org.opencrm.core.calendar.WorkingCalendar;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.user.ManagersOf;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.UserStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The idle-rep sweep (R-17): reads the reps whose idle time is due from the sparse {@code
 * byIdleDue} index, page by page and shard by shard (never a scan), re-reads each one and, if an
 * ACTIVE sales rep is still idle, tells their manager once per idle stretch ({@code REP_IDLE}),
 * then takes them off the list with a write conditional on the activity read. New activity puts
 * them back with a new due time.
 *
 * <p>The notification is written before the list is cleared: its id comes from the user and the
 * activity that began the stretch, so a sweep that crashed between the two, or two overlapping
 * sweeps, notify once.
 */
public final class RepIdleSweep {

    static final String BY_IDLE_DUE = "byIdleDue";
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 50;

    private final DynamoDbClient dynamo;
    private final String table;
    private final RepActivity activity;
    private final NotificationOutbox outbox;
    private final UserService users;
    private final ManagersOf managers;
    private final ConfigService config;
    private final Clock clock;

    /** Everything the sweep reads and writes; named, so two of one type cannot be swapped. */
    public record Parts(
            DynamoDbClient dynamo,
            TableNames tables,
            RepActivity activity,
            NotificationOutbox outbox,
            UserService users,
            ConfigService config,
            Clock clock) {}

    public RepIdleSweep(Parts parts) {
        this.dynamo = parts.dynamo();
        this.table = parts.tables().counters();
        this.activity = parts.activity();
        this.outbox = parts.outbox();
        this.users = parts.users();
        this.managers = new ManagersOf(parts.users());
        this.config = parts.config();
        this.clock = parts.clock();
    }

    /** What one sweep did: reps found idle and reported, notifications written. */
    public record Sweep(int reported, int notified) {

        public Map<String, Integer> counts() {
            return Map.of("reported", reported, "notified", notified);
        }
    }

    public Sweep sweep() {
        Instant now = clock.instant();
        WorkingCalendar calendar = config.current(WorkingCalendar.DEFINITION);
        int reported = 0;
        int notified = 0;
        for (String userId : dueUserIds(now)) {
            int written = report(userId, calendar, now);
            reported += written >= 0 ? 1 : 0;
            notified += Math.max(0, written);
        }
        return new Sweep(reported, notified);
    }

    /** The users due by now, every shard page by page (at most 5,000 a run). */
    private List<String> dueUserIds(Instant now) {
        List<String> ids = new ArrayList<>();
        for (String shard : Keys.repIdleDueShards()) {
            Map<String, AttributeValue> start = null;
            int pages = 0;
            do {
                QueryResponse page = dynamo.query(dueQuery(shard, now, start));
                page.items()
                        .forEach(
                                item ->
                                        ids.add(
                                                Keys.userIdOfRepActivity(
                                                        item.get(RepActivity.ID).s())));
                start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
                pages++;
            } while (start != null && pages < MAX_PAGES);
        }
        return ids;
    }

    private QueryRequest dueQuery(String shard, Instant now, Map<String, AttributeValue> start) {
        QueryRequest.Builder query =
                QueryRequest.builder()
                        .tableName(table)
                        .indexName(BY_IDLE_DUE)
                        .keyConditionExpression("#key = :shard AND #sort <= :upTo")
                        .expressionAttributeNames(
                                Map.of(
                                        "#key", RepActivity.IDLE_KEY,
                                        "#sort", RepActivity.IDLE_SORT_KEY))
                        .expressionAttributeValues(
                                Map.of(
                                        ":shard", AttributeValue.fromS(shard),
                                        ":upTo", AttributeValue.fromS(Keys.repIdleUpTo(now))))
                        .limit(PAGE);
        if (start != null) {
            query.exclusiveStartKey(start);
        }
        return query.build();
    }

    /**
     * Re-reads the activity (the index may lag) and reports the rep if still idle: the number of
     * notifications written (0 for a repeat), or -1 when nobody was reported.
     */
    private int report(String userId, WorkingCalendar calendar, Instant now) {
        Optional<RepActivity.Latest> read = activity.find(userId);
        if (read.isEmpty() || read.get().idleDueAt() == null) {
            return -1;
        }
        Instant last = read.get().lastActivityAt();
        // the calendar in force now decides: a holiday entered since the activity moves the day
        Instant due = calendar.days().plus(last, calendar.idleAfterWorkingDays());
        if (due.isAfter(now)) {
            activity.moveDue(userId, last, due);
            return -1;
        }
        Optional<User> rep = users.findOptional(userId).filter(RepIdleSweep::isActiveRep);
        if (rep.isEmpty()) {
            // only active sales reps are watched; anyone else leaves the list until they act again
            activity.clearDue(userId, last);
            return -1;
        }
        int written = notifyManagers(rep.get(), last, now);
        activity.clearDue(userId, last);
        return written;
    }

    private static boolean isActiveRep(User user) {
        return user.status() == UserStatus.ACTIVE && user.role() == Role.SALES_REP;
    }

    /** One idle stretch of one rep: the same for every sweep that finds it. */
    static String idleCause(String userId, Instant lastActivityAt) {
        return userId + "@" + lastActivityAt;
    }

    private int notifyManagers(User rep, Instant lastActivityAt, Instant now) {
        long days = Duration.between(lastActivityAt, now).toDays();
        String name = rep.name() == null ? rep.id() : rep.name();
        int written = 0;
        for (String recipient : managers.of(rep.id(), rep.region(), rep.team())) {
            Notification notification =
                    Notification.of(
                            idleCause(rep.id(), lastActivityAt),
                            recipient,
                            NotificationKind.REP_IDLE,
                            name + " has been idle",
                            name
                                    + " has logged no activity since "
                                    + lastActivityAt
                                    + " ("
                                    + days
                                    + " days)",
                            Map.of(
                                    "userId", rep.id(),
                                    "lastActivityAt", lastActivityAt.toString()),
                            now);
            written += outbox.send(notification) ? 1 : 0;
        }
        return written;
    }
}
