package org.opencrm.core.anomaly;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.BatchGet;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.LostRace;
import org.opencrm.core.store.ShardedIndexQuery;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The anomalies table: anomalies (audited) and the split-order claims on contracts (working data).
 * An anomaly is raised together with the claims on its contracts in one transaction, and extended
 * the same way, so a contract is in at most one group and a group is raised once.
 */
public final class AnomalyStore {

    private final DynamoDbEnhancedClient enhanced;
    private final Supplier<DynamoDbTable<AnomalyItem>> anomalies;
    private final Supplier<DynamoDbTable<SplitClaimItem>> claims;
    private final Map<String, ShardedIndexQuery<AnomalyItem>> lists = new LinkedHashMap<>();

    public AnomalyStore(DynamoDbEnhancedClient enhanced, TableNames tables) {
        this.enhanced = enhanced;
        this.anomalies = ItemTables.lazy(enhanced, tables.anomalies(), AnomalyItem.class);
        this.claims = ItemTables.lazy(enhanced, tables.anomalies(), SplitClaimItem.class);
        for (String index :
                List.of(
                        AnomalyItem.BY_KIND,
                        AnomalyItem.BY_KIND_REGION,
                        AnomalyItem.BY_KIND_TEAM)) {
            lists.put(
                    index,
                    new ShardedIndexQuery<>(
                            ItemTables.index(anomalies, index), AnomalyItem::getListKey));
        }
    }

    public Optional<Anomaly> find(String anomalyId) {
        return ItemTables.latest(anomalies.get(), Keys.anomaly(anomalyId))
                .map(AnomalyItem::toAnomaly);
    }

    /** Which of these contracts a split-order group holds already: contract id to anomaly id. */
    public Map<String, String> claimsOf(Collection<String> contractIds) {
        List<Key> keys = contractIds.stream().map(id -> key(Keys.splitOrderClaim(id))).toList();
        Map<String, String> held = new LinkedHashMap<>();
        BatchGet.items(enhanced, claims.get(), keys)
                .forEach(claim -> held.put(claim.getContractId(), claim.getAnomalyId()));
        return held;
    }

    /**
     * Writes a new anomaly with the claims on its contracts, all or nothing; returns it at version
     * 1.
     *
     * @throws LostRace when the anomaly or a claim exists: another evaluation got there first
     */
    public Anomaly raise(Anomaly anomaly, WriteStamp stamp) {
        TransactWriteItemsEnhancedRequest.Builder transaction =
                TransactWriteItemsEnhancedRequest.builder()
                        .addPutItem(
                                anomalies.get(),
                                TransactPutItemEnhancedRequest.builder(AnomalyItem.class)
                                        .item(AnomalyItem.from(anomaly, stamp))
                                        .conditionExpression(ItemTables.NEW_ID)
                                        .build());
        addClaims(transaction, anomaly.id(), contractIdsOf(anomaly.contracts()), stamp);
        write(transaction.build(), "split-order group " + anomaly.id());
        return anomaly.toBuilder().version(1).updatedAt(stamp.at()).build();
    }

    /**
     * Replaces {@code next}'s anomaly as read (version-checked) and claims {@code joining} for it,
     * all or nothing; returns it at its new version.
     *
     * @throws LostRace when the anomaly changed or a contract was claimed meanwhile
     */
    public Anomaly extend(Anomaly next, List<SignedContract> joining, WriteStamp stamp) {
        TransactWriteItemsEnhancedRequest.Builder transaction =
                TransactWriteItemsEnhancedRequest.builder()
                        .addPutItem(
                                anomalies.get(),
                                TransactPutItemEnhancedRequest.builder(AnomalyItem.class)
                                        .item(AnomalyItem.from(next, stamp))
                                        .build());
        addClaims(transaction, next.id(), contractIdsOf(joining), stamp);
        write(transaction.build(), "split-order group " + next.id());
        return next.toBuilder().version(next.version() + 1).updatedAt(stamp.at()).build();
    }

    /** Writes a reviewed anomaly over the version read. */
    public Anomaly replace(Anomaly next, WriteStamp stamp) {
        try {
            anomalies
                    .get()
                    .putItem(
                            PutItemEnhancedRequest.builder(AnomalyItem.class)
                                    .item(AnomalyItem.from(next, stamp))
                                    .build());
        } catch (ConditionalCheckFailedException changed) {
            long now = find(next.id()).map(Anomaly::version).orElse(0L);
            throw new VersionConflictException(next.id(), next.version(), now);
        }
        return next.toBuilder().version(next.version() + 1).updatedAt(stamp.at()).build();
    }

    /**
     * A page of one list partition, newest first.
     *
     * @param index {@link AnomalyItem#BY_KIND}, {@link AnomalyItem#BY_KIND_REGION} or {@link
     *     AnomalyItem#BY_KIND_TEAM}
     */
    public Page<Anomaly> page(String index, String partition, PageRequest page) {
        return lists.get(index).page(List.of(partition), page, null).map(AnomalyItem::toAnomaly);
    }

    private void addClaims(
            TransactWriteItemsEnhancedRequest.Builder transaction,
            String anomalyId,
            List<String> contractIds,
            WriteStamp stamp) {
        for (String contractId : contractIds) {
            transaction.addPutItem(
                    claims.get(),
                    TransactPutItemEnhancedRequest.builder(SplitClaimItem.class)
                            .item(SplitClaimItem.of(contractId, anomalyId, stamp.at()))
                            .conditionExpression(ItemTables.NEW_ID)
                            .build());
        }
    }

    private void write(TransactWriteItemsEnhancedRequest transaction, String what) {
        try {
            enhanced.transactWriteItems(transaction);
        } catch (TransactionCanceledException lost) {
            // a condition failed (or the transaction met another): read again and decide again
            throw new LostRace(what);
        }
    }

    private static List<String> contractIdsOf(List<SignedContract> contracts) {
        return contracts.stream().map(SignedContract::contractId).toList();
    }

    private static Key key(String id) {
        return Key.builder().partitionValue(id).build();
    }
}
