package org.opencrm.core.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.BatchGet;
import org.opencrm.core.store.CancellationReasons;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.LostRace;
import org.opencrm.core.store.ShardedIndexQuery;
import org.opencrm.core.store.ShardedIndexQuery.SortRange;
import org.opencrm.core.store.TableNames;
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
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The health table (template.yaml's HealthTable): each customer's score, its entries in the
 * by-score lists and the per-group sums. A score is written with its entries and the groups' ADDs
 * in one transaction conditioned on the revision read, so a group's sum and count never drift from
 * the entries, and a customer moving between groups (or scores) leaves the old ones by exactly what
 * it had added to them.
 */
public final class HealthStore {

    static final String BY_SCORE = "byScore";
    static final String BY_GROUP = "byGroup";
    private static final String HEALTH = "HEALTH";
    private static final String ENTRY = "HEALTH_ENTRY";
    private static final String AGGREGATE = "HEALTH_AGG";

    private static final TableSchema<EnhancedDocument> SCHEMA =
            TableSchema.documentSchemaBuilder()
                    .attributeConverterProviders(AttributeConverterProvider.defaultProvider())
                    .addIndexPartitionKey(
                            TableMetadata.primaryIndexName(), "id", AttributeValueType.S)
                    .addIndexPartitionKey(BY_SCORE, "scorePartition", AttributeValueType.S)
                    .addIndexSortKey(BY_SCORE, "scoreKey", AttributeValueType.S)
                    .build();

    private final DynamoDbClient dynamo;
    private final DynamoDbEnhancedClient enhanced;
    private final String tableName;
    private final DynamoDbTable<EnhancedDocument> table;
    private final ShardedIndexQuery<EnhancedDocument> byScore;

    public HealthStore(DynamoDbClient dynamo, DynamoDbEnhancedClient enhanced, TableNames tables) {
        this.dynamo = dynamo;
        this.enhanced = enhanced;
        this.tableName = tables.health();
        this.table = enhanced.table(tableName, SCHEMA);
        // lowest score first: the weakest records lead, the pool is a range from the bottom
        this.byScore =
                new ShardedIndexQuery<>(
                        table.index(BY_SCORE), document -> document.getString("scoreKey"), true);
    }

    public Optional<StoredHealth> find(String customerId) {
        Map<String, AttributeValue> item =
                dynamo.getItem(
                                get ->
                                        get.tableName(tableName)
                                                .key(key(Keys.health(customerId)))
                                                .consistentRead(true))
                        .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toHealth(item));
    }

    /** The stored health of each of these customers that has one, in one batch read per 100. */
    public Map<String, StoredHealth> findAll(Collection<String> customerIds) {
        List<Key> keys =
                new LinkedHashSet<>(customerIds)
                        .stream()
                                .map(id -> Key.builder().partitionValue(Keys.health(id)).build())
                                .toList();
        Map<String, StoredHealth> found = new HashMap<>();
        for (EnhancedDocument document : BatchGet.items(enhanced, table, keys)) {
            StoredHealth health = toHealth(document.toMap());
            found.put(health.customerId(), health);
        }
        return found;
    }

    /**
     * Writes {@code next} over {@code previous} (empty: none stored yet): the score, its entries
     * and the groups' sums and counts, all or nothing.
     *
     * @throws LostRace when another write got there since {@code previous} was read
     */
    public StoredHealth save(Optional<StoredHealth> previous, StoredHealth next) {
        StoredHealth written =
                next.toBuilder()
                        .revision(previous.map(StoredHealth::revision).orElse(0L) + 1)
                        .build();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(healthPut(previous, written)).build());
        Set<String> before =
                new LinkedHashSet<>(previous.map(StoredHealth::partitions).orElse(List.of()));
        int oldScore = previous.map(StoredHealth::score).orElse(0);
        for (String partition : before) {
            if (!written.partitions().contains(partition)) {
                writes.add(
                        TransactWriteItem.builder()
                                .delete(entryDelete(partition, written.customerId()))
                                .build());
            }
        }
        for (String partition : written.partitions()) {
            if (!before.contains(partition) || oldScore != written.score()) {
                writes.add(TransactWriteItem.builder().put(entryPut(partition, written)).build());
            }
        }
        aggregateDeltas(before, oldScore, written)
                .forEach(
                        (partition, delta) ->
                                writes.add(
                                        TransactWriteItem.builder()
                                                .update(aggregateAdd(partition, delta))
                                                .build()));
        try {
            dynamo.transactWriteItems(write -> write.transactItems(writes));
        } catch (TransactionCanceledException lost) {
            CancellationReasons reasons = CancellationReasons.of(lost);
            if (!reasons.anyConditionFailed() && !reasons.onlyConflicts()) {
                throw lost; // not a race: retrying would fail the same way
            }
            throw new LostRace("health of customer " + next.customerId());
        }
        return written;
    }

    /**
     * A page of customers listed in {@code partitions} with scores in {@code range}, lowest first.
     */
    public Page<HealthEntry> page(List<String> partitions, SortRange range, PageRequest page) {
        return byScore.page(partitions, page, null, range).map(HealthStore::toEntry);
    }

    /** The {@code limit} lowest scores of one partition. */
    public List<HealthEntry> weakest(String partition, int limit) {
        return byScore.first(List.of(partition), SortRange.ALL, limit).stream()
                .map(HealthStore::toEntry)
                .toList();
    }

    /** Every group of one family ({@link HealthPartitions#groups}) with its sum and count. */
    public List<HealthAggregate> aggregates(String family) {
        List<HealthAggregate> groups = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query =
                    QueryRequest.builder()
                            .tableName(tableName)
                            .indexName(BY_GROUP)
                            .keyConditionExpression("groupsKey = :family")
                            .expressionAttributeValues(Map.of(":family", text(family)));
            if (start != null) {
                query.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(query.build());
            for (Map<String, AttributeValue> item : response.items()) {
                groups.add(
                        new HealthAggregate(
                                item.get("groupValue").s(),
                                number(item, "scoreSum"),
                                number(item, "customers")));
            }
            start =
                    response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                            ? response.lastEvaluatedKey()
                            : null;
        } while (start != null);
        return groups;
    }

    /** Where the nightly pass stopped (a customers-list cursor), if it did not finish. */
    public Optional<String> passPosition(String passId) {
        Map<String, AttributeValue> item =
                dynamo.getItem(
                                get ->
                                        get.tableName(tableName)
                                                .key(key(passId))
                                                .consistentRead(true))
                        .item();
        return item == null || !item.containsKey("after")
                ? Optional.empty()
                : Optional.of(item.get("after").s());
    }

    /** Remembers where the nightly pass continues; empty: it finished, the next starts over. */
    public void savePassPosition(String passId, Optional<String> after, Instant at) {
        if (after.isEmpty()) {
            dynamo.deleteItem(delete -> delete.tableName(tableName).key(key(passId)));
            return;
        }
        dynamo.putItem(
                put ->
                        put.tableName(tableName)
                                .item(
                                        Map.of(
                                                "id",
                                                text(passId),
                                                "after",
                                                text(after.get()),
                                                "savedAt",
                                                text(at.toString()))));
    }

    /** What each partition's sum and count change by: minus the old score, plus the new. */
    private static Map<String, long[]> aggregateDeltas(
            Set<String> before, int oldScore, StoredHealth next) {
        Map<String, long[]> deltas = new LinkedHashMap<>();
        for (String partition : before) {
            deltas.computeIfAbsent(partition, p -> new long[2])[0] -= oldScore;
            deltas.get(partition)[1] -= 1;
        }
        for (String partition : next.partitions()) {
            deltas.computeIfAbsent(partition, p -> new long[2])[0] += next.score();
            deltas.get(partition)[1] += 1;
        }
        deltas.values().removeIf(delta -> delta[0] == 0 && delta[1] == 0);
        return deltas;
    }

    private Put healthPut(Optional<StoredHealth> previous, StoredHealth next) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", text(Keys.health(next.customerId())));
        item.put("kind", text(HEALTH));
        item.put("customerId", text(next.customerId()));
        item.put("score", number(next.score()));
        item.put(
                "components",
                AttributeValue.fromL(
                        next.components().stream().map(HealthStore::component).toList()));
        item.put(
                "partitions",
                AttributeValue.fromL(next.partitions().stream().map(HealthStore::text).toList()));
        item.put("computedAt", text(next.computedAt().toString()));
        item.put("revision", number(next.revision()));
        if (next.ownerId() != null) {
            item.put("ownerId", text(next.ownerId()));
        }
        if (next.lastTouchAt() != null) {
            item.put("lastTouchAt", text(next.lastTouchAt().toString()));
        }
        Put.Builder put = Put.builder().tableName(tableName).item(item);
        if (previous.isEmpty()) {
            return put.conditionExpression(ItemTables.ID_IS_NEW).build();
        }
        return put.conditionExpression("revision = :read")
                .expressionAttributeValues(Map.of(":read", number(previous.get().revision())))
                .build();
    }

    private Put entryPut(String partition, StoredHealth next) {
        return Put.builder()
                .tableName(tableName)
                .item(
                        Map.of(
                                "id", text(Keys.healthEntry(partition, next.customerId())),
                                "kind", text(ENTRY),
                                "scorePartition", text(partition),
                                "scoreKey",
                                        text(Keys.healthScoreKey(next.score(), next.customerId())),
                                "customerId", text(next.customerId()),
                                "score", number(next.score())))
                .build();
    }

    private Delete entryDelete(String partition, String customerId) {
        return Delete.builder()
                .tableName(tableName)
                .key(key(Keys.healthEntry(partition, customerId)))
                .build();
    }

    private Update aggregateAdd(String partition, long[] delta) {
        String[] family = HealthPartitions.split(partition);
        return Update.builder()
                .tableName(tableName)
                .key(key(Keys.healthAggregate(partition)))
                .updateExpression(
                        "ADD scoreSum :sum, customers :count SET kind = :kind, groupsKey = :family, groupValue = :value")
                .expressionAttributeValues(
                        Map.of(
                                ":sum", number(delta[0]),
                                ":count", number(delta[1]),
                                ":kind", text(AGGREGATE),
                                ":family", text(family[0]),
                                ":value", text(family[1])))
                .build();
    }

    private static StoredHealth toHealth(Map<String, AttributeValue> item) {
        return StoredHealth.builder()
                .customerId(item.get("customerId").s())
                .score((int) number(item, "score"))
                .components(
                        item.get("components").l().stream().map(HealthStore::toComponent).toList())
                .partitions(item.get("partitions").l().stream().map(AttributeValue::s).toList())
                .ownerId(item.containsKey("ownerId") ? item.get("ownerId").s() : null)
                .lastTouchAt(
                        item.containsKey("lastTouchAt")
                                ? Instant.parse(item.get("lastTouchAt").s())
                                : null)
                .computedAt(Instant.parse(item.get("computedAt").s()))
                .revision(number(item, "revision"))
                .build();
    }

    private static HealthEntry toEntry(EnhancedDocument document) {
        return new HealthEntry(
                document.getString("customerId"), document.getNumber("score").intValue());
    }

    private static AttributeValue component(HealthComponent component) {
        return AttributeValue.fromM(
                Map.of(
                        "name", text(component.name()),
                        "score", number(component.score()),
                        "max", number(component.max()),
                        "explanation", text(component.explanation())));
    }

    private static HealthComponent toComponent(AttributeValue value) {
        Map<String, AttributeValue> map = value.m();
        return new HealthComponent(
                map.get("name").s(),
                (int) number(map, "score"),
                (int) number(map, "max"),
                map.get("explanation").s());
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", text(id));
    }

    private static AttributeValue text(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }
}
