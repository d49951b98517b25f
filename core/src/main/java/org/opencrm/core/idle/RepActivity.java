package org.opencrm.core.idle;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.calendar.WorkingCalendar;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A rep's latest activity, kept on an item of its own in the counters table beside the
 * user's other bookkeeping ({@link Keys#repActivity}) with the time the rep becomes idle, indexed
 * by the sparse {@code byIdleDue}. Activity logging calls {@link #record}; the idle sweep reads the
 * index and clears what it reported.
 *
 * <p>Monotonic: a write carries its activity time and is conditional on being later than the one
 * kept, so an older activity arriving late never moves the time back, and two writers need no read.
 */
public final class RepActivity implements ActivityLog {

    static final String ID = "counterKey";
    static final String USER_ID = "userId";
    static final String LAST_AT = "lastActivityAt";
    static final String LAST_MS = "lastActivityMs";
    static final String IDLE_KEY = "idleKey";
    static final String IDLE_SORT_KEY = "idleSortKey";
    static final String IDLE_DUE_AT = "idleDueAt";

    private final DynamoDbClient dynamo;
    private final String table;
    private final ConfigService config;

    public RepActivity(DynamoDbClient dynamo, TableNames tables, ConfigService config) {
        this.dynamo = dynamo;
        this.table = tables.counters();
        this.config = config;
    }

    /** What is kept for one user: their latest activity and, while pending, when they go idle. */
    public record Latest(String userId, Instant lastActivityAt, Instant idleDueAt) {}

    /**
     * The user was active at {@code at}; false when a later activity was already kept (nothing
     * changes).
     */
    @Override
    public boolean record(String userId, Instant at) {
        WorkingCalendar calendar = config.current(WorkingCalendar.DEFINITION);
        Instant due = calendar.days().plus(at, calendar.idleAfterWorkingDays());
        try {
            dynamo.updateItem(
                    UpdateItemRequest.builder()
                            .tableName(table)
                            .key(key(userId))
                            .updateExpression(
                                    "SET #user = :user, #lastAt = :lastAt, #lastMs = :lastMs,"
                                            + " #due = :due, #idleKey = :idleKey,"
                                            + " #idleSort = :idleSort")
                            .conditionExpression(
                                    "attribute_not_exists(#lastMs) OR #lastMs < :lastMs")
                            .expressionAttributeNames(
                                    Map.of(
                                            "#user", USER_ID,
                                            "#lastAt", LAST_AT,
                                            "#lastMs", LAST_MS,
                                            "#due", IDLE_DUE_AT,
                                            "#idleKey", IDLE_KEY,
                                            "#idleSort", IDLE_SORT_KEY))
                            .expressionAttributeValues(
                                    Map.of(
                                            ":user", AttributeValue.fromS(userId),
                                            ":lastAt", AttributeValue.fromS(at.toString()),
                                            ":lastMs", millis(at),
                                            ":due", AttributeValue.fromS(due.toString()),
                                            ":idleKey",
                                                    AttributeValue.fromS(Keys.repIdleDue(userId)),
                                            ":idleSort",
                                                    AttributeValue.fromS(
                                                            Keys.repIdleAt(due, userId))))
                            .build());
            return true;
        } catch (ConditionalCheckFailedException laterActivityKept) {
            return false;
        }
    }

    /** What is kept for the user, read consistently; empty before their first activity. */
    public Optional<Latest> find(String userId) {
        Map<String, AttributeValue> item =
                dynamo.getItem(
                                GetItemRequest.builder()
                                        .tableName(table)
                                        .key(key(userId))
                                        .consistentRead(true)
                                        .build())
                        .item();
        if (item == null || item.isEmpty() || !item.containsKey(LAST_AT)) {
            return Optional.empty();
        }
        AttributeValue due = item.get(IDLE_DUE_AT);
        boolean pending = item.containsKey(IDLE_KEY);
        return Optional.of(
                new Latest(
                        item.get(USER_ID).s(),
                        Instant.parse(item.get(LAST_AT).s()),
                        pending && due != null ? Instant.parse(due.s()) : null));
    }

    /**
     * Takes the user off the idle work list (reported, or not a rep), only if their latest activity
     * is still the one read: a newer activity keeps its own due time. False when it moved on.
     */
    boolean clearDue(String userId, Instant lastActivityRead) {
        return conditionalOnLatest(
                userId,
                lastActivityRead,
                "REMOVE #idleKey, #idleSort, #due",
                Map.of("#idleKey", IDLE_KEY, "#idleSort", IDLE_SORT_KEY, "#due", IDLE_DUE_AT),
                Map.of());
    }

    /** Moves the due time (the calendar changed since the activity was kept), like clearDue. */
    boolean moveDue(String userId, Instant lastActivityRead, Instant due) {
        return conditionalOnLatest(
                userId,
                lastActivityRead,
                "SET #due = :due, #idleSort = :idleSort",
                Map.of("#due", IDLE_DUE_AT, "#idleSort", IDLE_SORT_KEY),
                Map.of(
                        ":due", AttributeValue.fromS(due.toString()),
                        ":idleSort", AttributeValue.fromS(Keys.repIdleAt(due, userId))));
    }

    private boolean conditionalOnLatest(
            String userId,
            Instant lastActivityRead,
            String update,
            Map<String, String> names,
            Map<String, AttributeValue> values) {
        Map<String, String> allNames = new java.util.HashMap<>(names);
        allNames.put("#lastMs", LAST_MS);
        Map<String, AttributeValue> allValues = new java.util.HashMap<>(values);
        allValues.put(":read", millis(lastActivityRead));
        try {
            dynamo.updateItem(
                    UpdateItemRequest.builder()
                            .tableName(table)
                            .key(key(userId))
                            .updateExpression(update)
                            .conditionExpression("#lastMs = :read")
                            .expressionAttributeNames(allNames)
                            .expressionAttributeValues(allValues)
                            .build());
            return true;
        } catch (ConditionalCheckFailedException movedOn) {
            return false;
        }
    }

    static Map<String, AttributeValue> key(String userId) {
        return Map.of(ID, AttributeValue.fromS(Keys.repActivity(userId)));
    }

    private static AttributeValue millis(Instant at) {
        return AttributeValue.fromN(Long.toString(at.toEpochMilli()));
    }
}
