package org.opencrm.core.intake;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.ShardedIndexQuery;
import org.opencrm.core.store.ShardedIndexQuery.SortRange;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The intake table's records of what happened to deliveries: quarantined records and merge records.
 */
public final class IntakeStore {

    private final Supplier<DynamoDbTable<QuarantineItem>> quarantine;
    private final Supplier<DynamoDbTable<MergeRecordItem>> merges;
    private final ShardedIndexQuery<QuarantineItem> byChannel;
    private final ShardedIndexQuery<QuarantineItem> byImport;

    public IntakeStore(DynamoDbEnhancedClient enhanced, TableNames tables) {
        this.quarantine = ItemTables.lazy(enhanced, tables.intake(), QuarantineItem.class);
        this.merges = ItemTables.lazy(enhanced, tables.intake(), MergeRecordItem.class);
        this.byChannel =
                new ShardedIndexQuery<>(
                        ItemTables.index(quarantine, QuarantineItem.BY_CHANNEL),
                        QuarantineItem::getListKey);
        this.byImport =
                new ShardedIndexQuery<>(
                        ItemTables.index(quarantine, QuarantineItem.BY_IMPORT),
                        QuarantineItem::getRowKey,
                        true);
    }

    public Optional<QuarantinedRecord> findQuarantined(String id) {
        return ItemTables.latest(quarantine.get(), id)
                .filter(found -> QuarantineItem.KIND.equals(found.getKind()))
                .map(QuarantineItem::toRecord);
    }

    /**
     * Stores a record new to quarantine.get(). A record of the same id already there (an import
     * chunk processed again) is left as it is.
     */
    public void quarantine(QuarantinedRecord record, WriteStamp stamp) {
        try {
            quarantine
                    .get()
                    .putItem(
                            PutItemEnhancedRequest.builder(QuarantineItem.class)
                                    .item(QuarantineItem.from(record, stamp))
                                    .conditionExpression(ItemTables.NEW_ID)
                                    .build());
        } catch (ConditionalCheckFailedException alreadyThere) {
            // the same delivery, quarantined before: one record, not two
        }
    }

    /** Writes the record's next state if nobody changed it since {@code record.version()}. */
    public void update(QuarantinedRecord record, WriteStamp stamp) {
        try {
            quarantine.get().putItem(QuarantineItem.from(record, stamp));
        } catch (ConditionalCheckFailedException stale) {
            long current = findQuarantined(record.id()).map(QuarantinedRecord::version).orElse(0L);
            throw new VersionConflictException(record.id(), record.version(), current);
        }
    }

    /** Records still waiting for a fix, newest first, from one channel. */
    public Page<QuarantinedRecord> waiting(String channel, SortRange received, PageRequest page) {
        return byChannel
                .page(Keys.quarantineShards(channel), page, null, received)
                .map(QuarantineItem::toRecord);
    }

    /** One import's quarantined rows in row order. */
    public Page<QuarantinedRecord> ofImport(String importId, PageRequest page) {
        return byImport.page(List.of(importId), page, null).map(QuarantineItem::toRecord);
    }

    /** Writes a merge record; the same id twice (a redelivery) writes it once. */
    public void recordMerge(MergeRecordItem item) {
        try {
            merges.get()
                    .putItem(
                            PutItemEnhancedRequest.builder(MergeRecordItem.class)
                                    .item(item)
                                    .conditionExpression(ItemTables.NEW_ID)
                                    .build());
        } catch (ConditionalCheckFailedException alreadyThere) {
            // written by an earlier attempt of the same delivery
        }
    }
}
