package org.opencrm.core.audit;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.ShardedIndexQuery;
import org.opencrm.core.store.ShardedIndexQuery.SortRange;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The append-only audit table. */
public final class AuditStore {

    private static final Expression FIRST_WRITE =
            Expression.builder().expression("attribute_not_exists(eventId)").build();

    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbEnhancedClient enhanced;
    private final Supplier<DynamoDbTable<AuditItem>> audit;
    private final ShardedIndexQuery<AuditItem> byEntity;
    private final ShardedIndexQuery<AuditItem> byActor;

    public AuditStore(DynamoDbEnhancedClient enhanced, TableNames tables) {
        this.enhanced = enhanced;
        this.audit = ItemTables.lazy(enhanced, tables.audit(), AuditItem.class);
        this.byEntity =
                new ShardedIndexQuery<>(
                        ItemTables.index(audit, AuditItem.BY_ENTITY), AuditItem::getTimeKey);
        this.byActor =
                new ShardedIndexQuery<>(
                        ItemTables.index(audit, AuditItem.BY_ACTOR), AuditItem::getTimeKey);
    }

    /** Writes the entry unless its event was recorded before; true when this call wrote it. */
    public boolean append(AuditEntry entry) {
        try {
            audit.get()
                    .putItem(
                            PutItemEnhancedRequest.builder(AuditItem.class)
                                    .item(AuditItem.from(entry))
                                    .conditionExpression(FIRST_WRITE)
                                    .build());
            return true;
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            return false;
        }
    }

    /** Which of these event ids have their row: keyed reads, a hundred per call. */
    public Set<String> existing(List<String> eventIds) {
        Set<String> found = new HashSet<>();
        for (int from = 0; from < eventIds.size(); from += BATCH_GET_LIMIT) {
            ReadBatch.Builder<AuditItem> batch =
                    ReadBatch.builder(AuditItem.class).mappedTableResource(audit.get());
            eventIds.subList(from, Math.min(from + BATCH_GET_LIMIT, eventIds.size()))
                    .forEach(
                            eventId ->
                                    batch.addGetItem(
                                            Key.builder().partitionValue(eventId).build()));
            // the SDK's result pages re-request unprocessed keys
            enhanced.batchGetItem(b -> b.readBatches(batch.build()))
                    .resultsForTable(audit.get())
                    .forEach(item -> found.add(item.getEventId()));
        }
        return found;
    }

    /** One actor's entries with {@code from <= at <= to}, newest first: a key range on byActor. */
    public Page<AuditEntry> byActor(String actorId, Instant from, Instant to, PageRequest page) {
        return byActor.page(
                        List.of(actorId),
                        page,
                        null,
                        new SortRange(Keys.auditTimeFrom(from), Keys.auditTimeUpTo(to)))
                .map(AuditItem::toEntry);
    }

    /**
     * The trails of several records merged newest first: one query per record, side by side (the
     * lead events of a customer's timeline).
     */
    public Page<AuditEntry> trails(List<String> entityIds, PageRequest page) {
        if (entityIds.isEmpty()) {
            return new Page<>(List.of(), false);
        }
        return byEntity.page(entityIds, page, null).map(AuditItem::toEntry);
    }

    /** Newest first. */
    public Page<AuditEntry> trail(String entityId, PageRequest page) {
        return byEntity.page(List.of(entityId), page, null).map(AuditItem::toEntry);
    }
}
