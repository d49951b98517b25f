package org.opencrm.core.deal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.BatchGet;
import org.opencrm.core.store.CancellationReasons;
import org.opencrm.core.store.ConflictRetry;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.Pages;
import org.opencrm.core.store.ResidualFilter;
import org.opencrm.core.store.ShardedIndexQuery;
import org.opencrm.core.store.ShardedIndexQuery.SortRange;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Deals and the rows derived from their moves, in one table. A deal is written together with its
 * stage entries (and, for a move, its history row) in one transaction, version-checked on the deal,
 * so the history and the funnel never disagree with the deal. Every read is a key or index query.
 */
public final class DealStore {

    /** A deal's history is short; a page of it is the whole of any real deal's. */
    public static final int HISTORY_LIMIT = 100;

    private final DynamoDbEnhancedClient enhanced;
    private final Supplier<DynamoDbTable<DealItem>> deals;
    private final Supplier<DynamoDbTable<StageChangeItem>> changes;
    private final Supplier<DynamoDbTable<StageEntryItem>> entries;
    private final Map<String, ShardedIndexQuery<DealItem>> dealIndexes = new HashMap<>();
    private final ShardedIndexQuery<DealItem> staleDue;
    private final ShardedIndexQuery<StageChangeItem> history;
    private final Map<String, ShardedIndexQuery<StageEntryItem>> funnelIndexes = new HashMap<>();

    public DealStore(DynamoDbEnhancedClient enhanced, TableNames tables) {
        this.enhanced = enhanced;
        this.deals = ItemTables.lazy(enhanced, tables.deals(), DealItem.class);
        this.changes = ItemTables.lazy(enhanced, tables.deals(), StageChangeItem.class);
        this.entries = ItemTables.lazy(enhanced, tables.deals(), StageEntryItem.class);
        for (String index :
                List.of(
                        DealItem.BY_OWNER,
                        DealItem.BY_TEAM,
                        DealItem.BY_REGION,
                        DealItem.BY_CREATED,
                        DealItem.BY_STAGE,
                        DealItem.BY_FLAGGED_STALE,
                        DealItem.BY_CUSTOMER)) {
            dealIndexes.put(
                    index,
                    new ShardedIndexQuery<>(ItemTables.index(deals, index), DealItem::getListKey));
        }
        this.staleDue =
                new ShardedIndexQuery<>(
                        ItemTables.index(deals, DealItem.BY_STALE_DUE),
                        DealItem::getStaleAtKey,
                        true);
        this.history =
                new ShardedIndexQuery<>(
                        ItemTables.index(changes, StageChangeItem.BY_DEAL_HISTORY),
                        StageChangeItem::getHistorySortKey);
        for (String index :
                List.of(
                        StageEntryItem.FUNNEL_BY_STAGE,
                        StageEntryItem.FUNNEL_BY_REGION,
                        StageEntryItem.FUNNEL_BY_OWNER)) {
            funnelIndexes.put(
                    index,
                    new ShardedIndexQuery<>(
                            ItemTables.index(entries, index), StageEntryItem::getEnteredKey, true));
        }
    }

    public Optional<Deal> find(String id) {
        // ids of derived rows share the table; they are not deals
        return ItemTables.latest(deals.get(), id)
                .filter(found -> DealItem.KIND.equals(found.getKind()))
                .map(DealItem::toDeal);
    }

    /** A new deal with its first stage entry; returns it at version 1. */
    public Deal insert(Deal deal, Pipeline pipeline, WriteStamp stamp) {
        return insert(deal, null, pipeline, stamp);
    }

    /**
     * A new deal that starts past the first stage (the migration's), with the history row saying
     * how it got there; VERSION_CONFLICT when a deal of that id exists already.
     */
    public Deal insert(Deal deal, StageChange arrival, Pipeline pipeline, WriteStamp stamp) {
        write(deal, arrival, pipeline, stamp);
        return deal.toBuilder().version(1).updatedAt(stamp.at()).build();
    }

    /** A deal as a stream record's image shows it; empty for no image or a row derived from one. */
    public static Optional<Deal> fromImage(Map<String, AttributeValue> image) {
        if (image == null || image.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue kind = image.get("kind");
        if (kind == null || !DealItem.KIND.equals(kind.s())) {
            return Optional.empty();
        }
        return Optional.of(ItemTables.schema(DealItem.class).mapToItem(image).toDeal());
    }

    /**
     * Every deal of the customer as it is now: the ids from its {@code byCustomer} partition, the
     * deals themselves read consistently by key, since an index copy may lag a write just made.
     */
    public List<Deal> ofCustomer(String customerId) {
        DealFilter filter = DealFilter.of(customerId, null, null, null);
        List<Key> keys =
                Pages.all(page -> list(filter, page))
                        .map(deal -> Key.builder().partitionValue(deal.id()).build())
                        .toList();
        return BatchGet.items(enhanced, deals.get(), keys).stream()
                .filter(item -> DealItem.KIND.equals(item.getKind()))
                .filter(item -> customerId.equals(item.getCustomerId()))
                .map(DealItem::toDeal)
                .toList();
    }

    /**
     * {@code next} over {@code current}, version-checked, with its stage entries rewritten and, for
     * a move, its history row: one transaction, so none is written without the others.
     *
     * @param move the history row of a move, or null for a change that is not one
     */
    public Deal replace(
            Deal current, Deal next, StageChange move, Pipeline pipeline, WriteStamp stamp) {
        Deal atRead = next.toBuilder().version(current.version()).build();
        write(atRead, move, pipeline, stamp);
        return atRead.toBuilder().version(current.version() + 1).updatedAt(stamp.at()).build();
    }

    private void write(Deal deal, StageChange move, Pipeline pipeline, WriteStamp stamp) {
        TransactWriteItemsEnhancedRequest.Builder transaction =
                TransactWriteItemsEnhancedRequest.builder()
                        .addPutItem(
                                deals.get(),
                                TransactPutItemEnhancedRequest.builder(DealItem.class)
                                        .item(DealItem.from(deal, pipeline, stamp))
                                        .build());
        if (move != null) {
            transaction.addPutItem(
                    changes.get(), StageChangeItem.from(deal.id(), deal.version() + 1, move));
        }
        for (StageEntry entry : StageEntry.of(deal.id(), deal.progress(), pipeline)) {
            transaction.addPutItem(entries.get(), StageEntryItem.from(entry, deal));
        }
        TransactWriteItemsEnhancedRequest request = transaction.build();
        try {
            ConflictRetry.standard()
                    .run(
                            attempt -> {
                                enhanced.transactWriteItems(request);
                                return null;
                            });
        } catch (TransactionCanceledException cancelled) {
            // the deal is the first action: its condition is the version check
            if (CancellationReasons.of(cancelled).conditionFailedAt(0)) {
                long now = find(deal.id()).map(Deal::version).orElse(0L);
                throw new VersionConflictException(deal.id(), deal.version(), now);
            }
            throw cancelled;
        }
    }

    /** A deal's history rows, newest first (at most {@link #HISTORY_LIMIT}). */
    public List<StageChange> history(String dealId) {
        return history
                .first(List.of(Keys.dealHistory(dealId)), SortRange.ALL, HISTORY_LIMIT)
                .stream()
                .map(StageChangeItem::toChange)
                .toList();
    }

    /**
     * The moves of these deals merged newest first, a page after the cursor: one query per deal's
     * history partition, side by side (a customer's timeline).
     */
    public Page<DealMove> historyPage(List<String> dealIds, PageRequest page) {
        if (dealIds.isEmpty()) {
            return new Page<>(List.of(), false);
        }
        List<String> partitions = dealIds.stream().map(Keys::dealHistory).toList();
        return history.page(partitions, page, null)
                .map(item -> new DealMove(item.getDealId(), item.toChange()));
    }

    /** A move with the deal it moved. */
    public record DealMove(String dealId, StageChange change) {}

    /** The stage entries of these deals as stored, by key (one batch read for many deals). */
    public List<StageEntry> stageEntriesOf(List<String> dealIds) {
        List<Key> keys = new ArrayList<>();
        for (String dealId : dealIds) {
            for (DealStage stage : DealStage.values()) {
                keys.add(
                        Key.builder()
                                .partitionValue(Keys.stageEntry(dealId, stage.name()))
                                .build());
            }
        }
        return BatchGet.items(enhanced, entries.get(), keys).stream()
                .filter(item -> StageEntryItem.KIND.equals(item.getKind()))
                .map(StageEntryItem::toEntry)
                .toList();
    }

    /**
     * The funnel's rows: the entries of {@code stage} first entered in {@code [from, to)}, of one
     * owner, one region or the whole org; at most {@code limit}, oldest first.
     */
    public List<StageEntry> stageEntries(
            DealStage stage, Instant from, Instant to, String region, String ownerId, int limit) {
        return stageEntries(
                        stage, from, to, region, ownerId, new PageRequest(limit, Optional.empty()))
                .entries()
                .stream()
                .map(Page.Entry::item)
                .toList();
    }

    /**
     * A page of the funnel's rows of {@code stage} first entered in {@code [from, to)}, oldest
     * first: by owner (within {@code region} when both are given), by region, or org-wide; one
     * index query per shard of that key, continued by the page's cursor.
     */
    public Page<StageEntry> stageEntries(
            DealStage stage,
            Instant from,
            Instant to,
            String region,
            String ownerId,
            PageRequest page) {
        // the range key is "<time>#<dealId>": "<to>" itself sorts below every entry at "to"
        SortRange range = new SortRange(Keys.listKeyFrom(from), Keys.sortableTime(to));
        String index;
        List<String> partitions;
        Expression filter = null;
        if (ownerId != null) {
            index = StageEntryItem.FUNNEL_BY_OWNER;
            partitions = List.of(Keys.funnelOwner(stage.name(), ownerId));
            filter = region == null ? null : equalTo("region", AttributeValue.fromS(region));
        } else if (region != null) {
            index = StageEntryItem.FUNNEL_BY_REGION;
            partitions = Keys.funnelRegionShards(stage.name(), region);
        } else {
            index = StageEntryItem.FUNNEL_BY_STAGE;
            partitions = Keys.funnelAllShards(stage.name());
        }
        return funnelIndexes
                .get(index)
                .page(partitions, page, filter, range)
                .map(StageEntryItem::toEntry);
    }

    /** Deals due to go stale by {@code now}, earliest first: the sweep's work list (R-17). */
    public List<Deal> staleDue(Instant now, int limit) {
        return staleDue
                .first(Keys.dealStaleDueShards(), new SortRange(null, Keys.listKeyUpTo(now)), limit)
                .stream()
                .map(DealItem::toDeal)
                .toList();
    }

    /**
     * A page of the deals due to go stale by {@code now}, earliest first; the sweep reads them page
     * after page, each continuing after the last one's due time, so a deal it could not flag is not
     * read again in the same run.
     */
    public Page<Deal> staleDue(Instant now, PageRequest page) {
        return staleDue.page(
                        Keys.dealStaleDueShards(),
                        page,
                        null,
                        new SortRange(null, Keys.listKeyUpTo(now)))
                .map(DealItem::toDeal);
    }

    /**
     * Flags the deal stale as read: version-checked, and only while it is still in the stage entry
     * it was read in and not snoozed other than as read (R-17). The flagged deal leaves the sparse
     * stale-due index, so a second sweep does not find it. The stage entries do not change.
     *
     * @return false when the deal changed since it was read (moved, snoozed, edited, flagged)
     */
    public boolean flagStale(Deal read, Pipeline pipeline, WriteStamp stamp) {
        Deal flagged = read.toBuilder().stale(true).updatedAt(stamp.at()).build();
        Expression.Builder sameEntry =
                Expression.builder()
                        .putExpressionName("#kind", "kind")
                        .putExpressionValue(":kind", AttributeValue.fromS(DealItem.KIND))
                        .putExpressionName("#stage", "stage")
                        .putExpressionValue(":stage", AttributeValue.fromS(read.stage().name()))
                        .putExpressionName("#entered", "stageEnteredAt")
                        .putExpressionValue(
                                ":entered",
                                AttributeValue.fromS(read.progress().stageEnteredAt().toString()))
                        .putExpressionName("#snoozed", "snoozedUntil");
        String snoozeCondition = "attribute_not_exists(#snoozed)";
        if (read.snoozedUntil() != null) {
            // ISO strings of instants do not sort by time: compare with the snooze as read
            snoozeCondition = "#snoozed = :snoozed";
            sameEntry.putExpressionValue(
                    ":snoozed", AttributeValue.fromS(read.snoozedUntil().toString()));
        }
        Expression condition =
                sameEntry
                        .expression(
                                "#kind = :kind AND #stage = :stage AND #entered = :entered AND "
                                        + snoozeCondition)
                        .build();
        try {
            deals.get()
                    .putItem(
                            PutItemEnhancedRequest.builder(DealItem.class)
                                    .item(DealItem.from(flagged, pipeline, stamp))
                                    .conditionExpression(condition)
                                    .build());
            return true;
        } catch (ConditionalCheckFailedException changedSinceRead) {
            return false;
        }
    }

    public Page<Deal> list(DealFilter filter, PageRequest page) {
        ListPlan plan = choosePlan(filter);
        return dealIndexes
                .get(plan.index())
                .page(plan.partitions(), page, residual(filter, plan.keyedTerm()))
                .map(DealItem::toDeal);
    }

    private record ListPlan(String index, List<String> partitions, String keyedTerm) {}

    /**
     * Row scope arrives as filter terms (owner, team, region) and those come first, so every role's
     * list is a key query inside its own scope; a customer's deals are one partition.
     */
    private static ListPlan choosePlan(DealFilter filter) {
        if (filter.ownerId() != null) {
            return new ListPlan(
                    DealItem.BY_OWNER, List.of(Keys.dealOwner(filter.ownerId())), "ownerId");
        }
        if (filter.customerId() != null) {
            return new ListPlan(
                    DealItem.BY_CUSTOMER,
                    List.of(Keys.dealCustomer(filter.customerId())),
                    "customerId");
        }
        if (filter.team() != null) {
            return new ListPlan(DealItem.BY_TEAM, List.of(Keys.dealTeam(filter.team())), "team");
        }
        if (Boolean.TRUE.equals(filter.stale())) {
            // flagged deals are few: their sparse index beats a region's or a stage's deals
            return new ListPlan(DealItem.BY_FLAGGED_STALE, Keys.dealFlaggedStaleShards(), "stale");
        }
        if (filter.region() != null) {
            return new ListPlan(
                    DealItem.BY_REGION, Keys.dealRegionShards(filter.region()), "region");
        }
        if (filter.stage() != null) {
            return new ListPlan(
                    DealItem.BY_STAGE, Keys.dealStageShards(filter.stage().name()), "stage");
        }
        return new ListPlan(DealItem.BY_CREATED, Keys.dealAllShards(), null);
    }

    /** Every filter term the index key does not apply, as one condition; null when none. */
    private static Expression residual(DealFilter filter, String keyedTerm) {
        ResidualFilter residual =
                new ResidualFilter()
                        .equalTo("ownerId", filter.ownerId())
                        .equalTo("customerId", filter.customerId())
                        .equalTo("team", filter.team())
                        .equalTo("region", filter.region())
                        .equalTo("stage", filter.stage() == null ? null : filter.stage().name())
                        .keyedBy(keyedTerm);
        if (filter.stale() != null) {
            // a deal never flagged has no stale attribute set to true
            residual.condition(
                    filter.stale()
                            ? "#stale = :stale"
                            : "(attribute_not_exists(#stale) OR #stale = :stale)",
                    List.of("stale"),
                    Map.of(":stale", AttributeValue.fromBool(filter.stale())));
        }
        return residual.build();
    }

    private static Expression equalTo(String attribute, AttributeValue value) {
        return Expression.builder()
                .expression("#" + attribute + " = :" + attribute)
                .putExpressionName("#" + attribute, attribute)
                .putExpressionValue(":" + attribute, value)
                .build();
    }
}
