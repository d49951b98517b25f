package org.opencrm.core.audit;

import java.time.Instant;
import java.util.List;
import org.opencrm.core.store.Cursor;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.Page;
import org.opencrm.core.store.PageRequest;
import org.opencrm.core.store.ShardedIndexQuery;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The append-only audit table. */
public final class AuditStore {

    private static final TableSchema<AuditItem> SCHEMA = TableSchema.fromBean(AuditItem.class);
    private static final Expression FIRST_WRITE = Expression.builder().expression("attribute_not_exists(eventId)").build();

    private final DynamoDbTable<AuditItem> audit;
    private final ShardedIndexQuery<AuditItem> byEntity;

    public AuditStore(DynamoDbEnhancedClient enhanced, TableNames tables) {
        this.audit = enhanced.table(tables.audit(), SCHEMA);
        this.byEntity = new ShardedIndexQuery<>(audit.index(AuditItem.BY_ENTITY), AuditItem::getTimeKey);
    }

    /** Writes the entry unless its event was recorded before; true when this call wrote it. */
    public boolean append(AuditEntry entry) {
        try {
            audit.putItem(PutItemEnhancedRequest.builder(AuditItem.class)
                    .item(AuditItem.from(entry))
                    .conditionExpression(FIRST_WRITE)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            return false;
        }
    }

    /** One actor's entries with {@code from <= at <= to}, newest first: a key range on byActor. */
    public Page<AuditEntry> byActor(String actorId, Instant from, Instant to, PageRequest page) {
        String lowest = Keys.sortableTime(from);
        // every key at `to` sorts below this: time, then '#', and '~' is above '#'
        String highest = page.afterSortKey().orElse(Keys.sortableTime(to) + "~");
        if (lowest.compareTo(highest) > 0) {
            // a window that starts after it ends (or a cursor from before it) holds nothing
            return new Page<>(List.of(), false);
        }
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBetween(
                        Key.builder().partitionValue(actorId).sortValue(lowest).build(),
                        Key.builder().partitionValue(actorId).sortValue(highest).build()))
                .scanIndexForward(false)
                .limit(page.first() + 2)
                .build();
        List<AuditItem> items = audit.index(AuditItem.BY_ACTOR).query(query).stream()
                .flatMap(result -> result.items().stream())
                // the cursor's own item is inclusive in BETWEEN; the page starts after it
                .filter(item -> !item.getTimeKey().equals(highest))
                .limit(page.first() + 1L)
                .toList();
        List<Page.Entry<AuditEntry>> entries = items.stream().limit(page.first())
                .map(item -> new Page.Entry<>(item.toEntry(), Cursor.encode(item.getTimeKey())))
                .toList();
        return new Page<>(entries, items.size() > page.first());
    }

    /** Newest first. */
    public Page<AuditEntry> trail(String entityId, PageRequest page) {
        return byEntity.page(List.of(entityId), page, null).map(AuditItem::toEntry);
    }
}
