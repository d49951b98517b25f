package org.opencrm.core.audit;

import java.time.Instant;
import java.util.List;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.ShardedIndexQuery;
import org.opencrm.core.store.ShardedIndexQuery.SortRange;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The append-only audit table. */
public final class AuditStore {

    private static final TableSchema<AuditItem> SCHEMA = TableSchema.fromBean(AuditItem.class);
    private static final Expression FIRST_WRITE =
            Expression.builder().expression("attribute_not_exists(eventId)").build();

    private final DynamoDbTable<AuditItem> audit;
    private final ShardedIndexQuery<AuditItem> byEntity;
    private final ShardedIndexQuery<AuditItem> byActor;

    public AuditStore(DynamoDbEnhancedClient enhanced, TableNames tables) {
        this.audit = enhanced.table(tables.audit(), SCHEMA);
        this.byEntity =
                new ShardedIndexQuery<>(audit.index(AuditItem.BY_ENTITY), AuditItem::getTimeKey);
        this.byActor =
                new ShardedIndexQuery<>(audit.index(AuditItem.BY_ACTOR), AuditItem::getTimeKey);
    }

    /** Writes the entry unless its event was recorded before; true when this call wrote it. */
    public boolean append(AuditEntry entry) {
        try {
            audit.putItem(
                    PutItemEnhancedRequest.builder(AuditItem.class)
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
        return byActor.page(
                        List.of(actorId),
                        page,
                        null,
                        new SortRange(Keys.auditTimeFrom(from), Keys.auditTimeUpTo(to)))
                .map(AuditItem::toEntry);
    }

    /** Newest first. */
    public Page<AuditEntry> trail(String entityId, PageRequest page) {
        return byEntity.page(List.of(entityId), page, null).map(AuditItem::toEntry);
    }
}
