package org.opencrm.core.activity;

import static org.opencrm.core.activity.ActivityItem.n;
import static org.opencrm.core.activity.ActivityItem.s;
import static org.opencrm.core.activity.ActivityItem.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.BatchGet;
import org.opencrm.core.store.CancellationReasons;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.Pages;
import org.opencrm.core.store.ShardedIndexQuery;
import org.opencrm.core.store.ShardedIndexQuery.SortRange;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The activities table: activities, their follow-up reminders, customers' high-potential marks and
 * the 72 h auto-move claims. Writes go through the low-level client (conditions and transactions on
 * plain attribute maps); lists are index queries over documents, never a scan.
 */
public final class ActivityStore {

    static final String BY_CUSTOMER = "byCustomer";
    static final String BY_FOLLOW_UP_DUE = "byFollowUpDue";
    private static final String REMINDER = "FOLLOW_UP";
    private static final String HIGH_POTENTIAL = "HIGH_POTENTIAL";
    private static final String CLAIM = "AUTO_MOVE_CLAIM";
    private static final int TIMELINE_LIMIT = 2_000;

    private static final TableSchema<EnhancedDocument> SCHEMA =
            TableSchema.documentSchemaBuilder()
                    .attributeConverterProviders(AttributeConverterProvider.defaultProvider())
                    .addIndexPartitionKey(
                            TableMetadata.primaryIndexName(), "id", AttributeValueType.S)
                    .addIndexPartitionKey(BY_CUSTOMER, "customerKey", AttributeValueType.S)
                    .addIndexSortKey(BY_CUSTOMER, "listKey", AttributeValueType.S)
                    .addIndexPartitionKey(BY_FOLLOW_UP_DUE, "dueKey", AttributeValueType.S)
                    .addIndexSortKey(BY_FOLLOW_UP_DUE, "dueAtKey", AttributeValueType.S)
                    .build();

    private final DynamoDbClient dynamo;
    private final DynamoDbEnhancedClient enhanced;
    private final String tableName;
    private final DynamoDbTable<EnhancedDocument> table;
    private final ShardedIndexQuery<EnhancedDocument> byCustomer;
    private final ShardedIndexQuery<EnhancedDocument> byDue;

    public ActivityStore(
            DynamoDbClient dynamo, DynamoDbEnhancedClient enhanced, TableNames tables) {
        this.dynamo = dynamo;
        this.enhanced = enhanced;
        this.tableName = tables.activities();
        this.table = enhanced.table(tableName, SCHEMA);
        this.byCustomer =
                new ShardedIndexQuery<>(
                        table.index(BY_CUSTOMER), document -> document.getString("listKey"));
        this.byDue =
                new ShardedIndexQuery<>(
                        table.index(BY_FOLLOW_UP_DUE),
                        document -> document.getString("dueAtKey"),
                        true);
    }

    public Optional<Activity> find(String id) {
        Map<String, AttributeValue> item =
                dynamo.getItem(b -> b.tableName(tableName).key(key(id)).consistentRead(true))
                        .item();
        return Optional.ofNullable(item)
                .filter(ActivityItem::isActivity)
                .map(ActivityItem::toActivity);
    }

    /** A new activity and, when it names a next follow-up, its reminder: one transaction. */
    public Activity insert(Activity activity, WriteStamp stamp) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(
                TransactWriteItem.builder()
                        .put(
                                p ->
                                        p.tableName(tableName)
                                                .item(ActivityItem.from(activity, stamp))
                                                .conditionExpression(ItemTables.ID_IS_NEW))
                        .build());
        if (activity.nextFollowUpAt() != null) {
            writes.add(putReminder(activity));
        }
        dynamo.transactWriteItems(b -> b.transactItems(writes));
        return activity.toBuilder().version(activity.version() + 1).updatedAt(stamp.at()).build();
    }

    /**
     * {@code next} over {@code current}, version-checked; the reminder follows a changed next
     * follow-up time (a new one for a new time, none for a cleared one) in the same transaction.
     * The activity stays one item: the timeline shows it once however often it is edited.
     */
    public Activity replace(Activity current, Activity next, WriteStamp stamp) {
        Activity atRead = next.toBuilder().version(current.version()).build();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(
                TransactWriteItem.builder()
                        .put(
                                p ->
                                        p.tableName(tableName)
                                                .item(ActivityItem.from(atRead, stamp))
                                                .conditionExpression("#v = :v")
                                                .expressionAttributeNames(Map.of("#v", "version"))
                                                .expressionAttributeValues(
                                                        Map.of(":v", n(current.version()))))
                        .build());
        if (!Objects.equals(current.nextFollowUpAt(), next.nextFollowUpAt())) {
            writes.add(
                    next.nextFollowUpAt() == null
                            ? TransactWriteItem.builder()
                                    .delete(
                                            d ->
                                                    d.tableName(tableName)
                                                            .key(
                                                                    key(
                                                                            Keys.followUpReminder(
                                                                                    next.id()))))
                                    .build()
                            : putReminder(next));
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException cancelled) {
            if (CancellationReasons.of(cancelled).conditionFailedAt(0)) {
                long now = find(current.id()).map(Activity::version).orElse(0L);
                throw new VersionConflictException(current.id(), current.version(), now);
            }
            throw cancelled;
        }
        return atRead.toBuilder().version(current.version() + 1).updatedAt(stamp.at()).build();
    }

    private TransactWriteItem putReminder(Activity activity) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(Keys.followUpReminder(activity.id())));
        item.put("kind", s(REMINDER));
        item.put("activityId", s(activity.id()));
        item.put("recipientId", s(activity.actorId()));
        if (activity.customerId() != null) {
            item.put("customerId", s(activity.customerId()));
        }
        item.put("dueAt", s(activity.nextFollowUpAt().toString()));
        item.put("summary", s(summary(activity)));
        item.put("dueKey", s(Keys.followUpDue(activity.id())));
        item.put("dueAtKey", s(Keys.followUpAt(activity.nextFollowUpAt(), activity.id())));
        return TransactWriteItem.builder().put(p -> p.tableName(tableName).item(item)).build();
    }

    private static String summary(Activity activity) {
        String body = activity.body() == null ? "" : activity.body();
        String head = body.length() > 60 ? body.substring(0, 60) + "…" : body;
        return activity.kind() + (head.isEmpty() ? "" : ": " + head);
    }

    /** A customer's activities, newest first by when they happened: one key query a page. */
    public Page<Activity> byCustomer(String customerId, PageRequest page) {
        return byTimelineKey(Keys.activityCustomer(customerId), page);
    }

    /** The activities of a lead that has no customer yet, newest first. */
    public Page<Activity> byLead(String leadId, PageRequest page) {
        return byTimelineKey(Keys.activityLead(leadId), page);
    }

    private Page<Activity> byTimelineKey(String partition, PageRequest page) {
        return byCustomer
                .page(List.of(partition), page, null)
                .map(document -> ActivityItem.toActivity(document.toMap()));
    }

    /** Every activity of the customer (at most {@value #TIMELINE_LIMIT}), newest first. */
    public Stream<Activity> allOfCustomer(String customerId) {
        return Pages.all(100, page -> byCustomer(customerId, page)).limit(TIMELINE_LIMIT);
    }

    /** Reminders due by {@code now}, earliest first: the follow-up sweep's work list. */
    public List<FollowUpReminder> dueReminders(Instant now, int limit) {
        return byDue
                .first(Keys.followUpDueShards(), new SortRange(null, Keys.listKeyUpTo(now)), limit)
                .stream()
                .map(document -> reminder(document.toMap()))
                .toList();
    }

    private static FollowUpReminder reminder(Map<String, AttributeValue> item) {
        return new FollowUpReminder(
                text(item, "activityId"),
                text(item, "recipientId"),
                text(item, "customerId"),
                Instant.parse(text(item, "dueAt")),
                text(item, "summary"));
    }

    /**
     * Removes a sent reminder, only if it is still the one read: a time re-set meanwhile stays.
     *
     * @return false when the reminder changed or was removed since it was read
     */
    public boolean clearReminder(FollowUpReminder sent) {
        try {
            dynamo.deleteItem(
                    b ->
                            b.tableName(tableName)
                                    .key(key(Keys.followUpReminder(sent.activityId())))
                                    .conditionExpression("#due = :due")
                                    .expressionAttributeNames(Map.of("#due", "dueAt"))
                                    .expressionAttributeValues(
                                            Map.of(":due", s(sent.dueAt().toString()))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /** Marks the customer high potential; true when this call wrote the mark (the first). */
    public boolean markHighPotential(HighPotential mark) {
        List<AttributeValue> activities = new ArrayList<>();
        for (HighPotential.TagMatchOf match : mark.activities()) {
            activities.add(
                    AttributeValue.fromM(
                            Map.of(
                                    "activityId", s(match.activityId()),
                                    "occurredAt", s(match.occurredAt().toString()),
                                    "matched", s(match.matched()))));
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(Keys.highPotential(mark.customerId())));
        item.put("kind", s(HIGH_POTENTIAL));
        item.put("customerId", s(mark.customerId()));
        item.put("activities", AttributeValue.fromL(activities));
        item.put("markedAt", s(mark.markedAt().toString()));
        try {
            dynamo.putItem(
                    b ->
                            b.tableName(tableName)
                                    .item(item)
                                    .conditionExpression(ItemTables.ID_IS_NEW));
            return true;
        } catch (ConditionalCheckFailedException alreadyMarked) {
            return false;
        }
    }

    /** The marks of these customers (absent for those not marked): one batch read. */
    public Map<String, HighPotential> highPotentials(Set<String> customerIds) {
        List<Key> keys =
                customerIds.stream()
                        .map(id -> Key.builder().partitionValue(Keys.highPotential(id)).build())
                        .toList();
        Map<String, HighPotential> marks = new LinkedHashMap<>();
        for (EnhancedDocument document : BatchGet.items(enhanced, table, keys)) {
            HighPotential mark = highPotential(document.toMap());
            marks.put(mark.customerId(), mark);
        }
        return marks;
    }

    private static HighPotential highPotential(Map<String, AttributeValue> item) {
        List<HighPotential.TagMatchOf> activities = new ArrayList<>();
        for (AttributeValue match : item.get("activities").l()) {
            activities.add(
                    new HighPotential.TagMatchOf(
                            match.m().get("activityId").s(),
                            Instant.parse(match.m().get("occurredAt").s()),
                            match.m().get("matched").s()));
        }
        return new HighPotential(
                text(item, "customerId"), activities, Instant.parse(text(item, "markedAt")));
    }

    /**
     * Claims the customer's auto-move window for this activity: granted when no claim holds, the
     * last one expired, or it is this activity's own (a redelivered record). A lost race or a claim
     * still running is refused. The claim expires by itself (TTL), and its expiry is checked here
     * as TTL deletion runs late.
     *
     * @return the claim as it stood before, when granted (empty when there was none)
     */
    public Optional<AutoMoveClaim> claimAutoMove(AutoMoveClaim claim, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(Keys.autoMoveClaim(claim.customerId())));
        item.put("kind", s(CLAIM));
        item.put("customerId", s(claim.customerId()));
        item.put("activityId", s(claim.activityId()));
        item.put("dealId", s(claim.dealId()));
        item.put("expiresAt", n(claim.expiresAt().getEpochSecond()));
        try {
            Map<String, AttributeValue> before =
                    dynamo.putItem(
                                    b ->
                                            b.tableName(tableName)
                                                    .item(item)
                                                    .conditionExpression(
                                                            "attribute_not_exists(id) OR"
                                                                    + " expiresAt <= :now OR"
                                                                    + " activityId = :activity")
                                                    .expressionAttributeValues(
                                                            Map.of(
                                                                    ":now",
                                                                    n(now.getEpochSecond()),
                                                                    ":activity",
                                                                    s(claim.activityId())))
                                                    .returnValues(ReturnValue.ALL_OLD)
                                                    .returnValuesOnConditionCheckFailure(
                                                            ReturnValuesOnConditionCheckFailure
                                                                    .NONE))
                            .attributes();
            return Optional.of(
                    before == null || before.isEmpty()
                            ? claim.withoutPrevious()
                            : claim.after(text(before, "activityId"), text(before, "dealId")));
        } catch (ConditionalCheckFailedException held) {
            return Optional.empty();
        }
    }

    /** Gives the window back when the claimed move did not happen (requirements unmet). */
    public void releaseAutoMove(AutoMoveClaim claim) {
        try {
            dynamo.deleteItem(
                    b ->
                            b.tableName(tableName)
                                    .key(key(Keys.autoMoveClaim(claim.customerId())))
                                    .conditionExpression("activityId = :activity")
                                    .expressionAttributeValues(
                                            Map.of(":activity", s(claim.activityId()))));
        } catch (ConditionalCheckFailedException someoneElses) {
            // another activity holds it now: nothing of ours to give back
        }
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", s(id));
    }
}
