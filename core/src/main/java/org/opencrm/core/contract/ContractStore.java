package org.opencrm.core.contract;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.BatchGet;
import org.opencrm.core.store.CancellationReasons;
import org.opencrm.core.store.ConflictRetry;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.ParallelReads;
import org.opencrm.core.store.ResidualFilter;
import org.opencrm.core.store.ShardedIndexQuery;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Contracts and their money facts, in the contracts table, and their claims in the identity table.
 * Every write is one transaction led by the contract item, version-checked: a new contract with its
 * number's claim (and, signed on paper, its signing fact); a money event as the contract's new
 * totals, its fact written once, and an invoice number's claim. So a fact never exists without the
 * totals that count it, and a retried or racing write cannot count one twice. Every read is a key
 * or index query.
 */
public final class ContractStore {

    private static final Expression FACT_IS_NEW =
            Expression.builder()
                    .expression("attribute_not_exists(#id)")
                    .putExpressionName("#id", "id")
                    .build();
    private static final Expression CLAIM_IS_NEW =
            Expression.builder()
                    .expression("attribute_not_exists(#key)")
                    .putExpressionName("#key", "identityKey")
                    .build();

    private final DynamoDbEnhancedClient enhanced;
    private final Supplier<DynamoDbTable<ContractItem>> contracts;
    private final Supplier<DynamoDbTable<ContractFactItem>> facts;
    private final Supplier<DynamoDbTable<ContractClaimItem>> claims;
    private final Map<String, ShardedIndexQuery<ContractItem>> listIndexes = new HashMap<>();
    private final ShardedIndexQuery<ContractFactItem> factsOfContract;

    public ContractStore(DynamoDbEnhancedClient enhanced, TableNames tables) {
        this.enhanced = enhanced;
        this.contracts = ItemTables.lazy(enhanced, tables.contracts(), ContractItem.class);
        this.facts = ItemTables.lazy(enhanced, tables.contracts(), ContractFactItem.class);
        this.claims = ItemTables.lazy(enhanced, tables.identity(), ContractClaimItem.class);
        for (String index :
                List.of(
                        ContractItem.BY_OWNER,
                        ContractItem.BY_TEAM,
                        ContractItem.BY_REGION,
                        ContractItem.BY_CREATED,
                        ContractItem.BY_STATUS,
                        ContractItem.BY_CUSTOMER)) {
            listIndexes.put(
                    index,
                    new ShardedIndexQuery<>(
                            ItemTables.index(contracts, index), ContractItem::getListKey));
        }
        // a contract's facts in the order they happened
        this.factsOfContract =
                new ShardedIndexQuery<>(
                        ItemTables.index(facts, MoneyFactItem.BY_CONTRACT_FACTS),
                        ContractFactItem::getContractSortKey,
                        true);
    }

    /** What a money event writes beside the contract: its fact and any number it claims.get(). */
    public record FactWrite(MoneyFact fact, InvoiceType invoiceType, String claimKey) {}

    public Optional<Contract> find(String id) {
        // money facts share the table; they are not contracts
        return ItemTables.latest(contracts.get(), id)
                .filter(found -> ContractItem.KIND.equals(found.getKind()))
                .map(ContractItem::toContract);
    }

    /** These contracts as they are now, by key (one batch read per 100). */
    public List<Contract> findAll(Collection<String> ids) {
        List<Key> keys =
                ids.stream()
                        .distinct()
                        .map(id -> Key.builder().partitionValue(id).build())
                        .toList();
        return BatchGet.items(enhanced, contracts.get(), keys).stream()
                .filter(item -> ContractItem.KIND.equals(item.getKind()))
                .map(ContractItem::toContract)
                .toList();
    }

    /**
     * A new contract (version 0 in, 1 out) with its number's claim and, for one signed on paper,
     * its signing fact. A taken number is BAD_USER_INPUT naming the number.
     */
    public Contract insert(Contract contract, MoneyFact signing, WriteStamp stamp) {
        TransactWriteItemsEnhancedRequest.Builder transaction =
                TransactWriteItemsEnhancedRequest.builder()
                        .addPutItem(contracts.get(), ContractItem.from(contract, stamp))
                        .addPutItem(
                                claims.get(),
                                TransactPutItemEnhancedRequest.builder(ContractClaimItem.class)
                                        .item(
                                                ContractClaimItem.of(
                                                        Keys.contractNumber(contract.number()),
                                                        contract.id(),
                                                        null,
                                                        stamp.at()))
                                        .conditionExpression(CLAIM_IS_NEW)
                                        .build());
        if (signing != null) {
            transaction.addPutItem(facts.get(), factPut(new FactWrite(signing, null, null)));
        }
        try {
            run(transaction.build());
        } catch (TransactionCanceledException cancelled) {
            CancellationReasons reasons = CancellationReasons.of(cancelled);
            if (reasons.conditionFailedAt(1)) {
                throw taken("number", "contract number " + contract.number(), contract.number());
            }
            if (reasons.conditionFailedAt(0)) {
                throw new VersionConflictException(contract.id(), 0, 1);
            }
            throw cancelled;
        }
        return contract.toBuilder().version(1).updatedAt(stamp.at()).build();
    }

    /**
     * {@code next} over {@code current}, version-checked, with the event's fact (written once) and
     * claim when there is one: one transaction. VERSION_CONFLICT when the contract moved on since
     * {@code current} was read; a taken invoice number is BAD_USER_INPUT.
     */
    public Contract replace(Contract current, Contract next, FactWrite event, WriteStamp stamp) {
        Contract atRead = next.toBuilder().version(current.version()).build();
        TransactWriteItemsEnhancedRequest.Builder transaction =
                TransactWriteItemsEnhancedRequest.builder()
                        .addPutItem(contracts.get(), ContractItem.from(atRead, stamp));
        if (event != null) {
            transaction.addPutItem(facts.get(), factPut(event));
            if (event.claimKey() != null) {
                transaction.addPutItem(
                        claims.get(),
                        TransactPutItemEnhancedRequest.builder(ContractClaimItem.class)
                                .item(
                                        ContractClaimItem.of(
                                                event.claimKey(),
                                                current.id(),
                                                event.fact().factId(),
                                                stamp.at()))
                                .conditionExpression(CLAIM_IS_NEW)
                                .build());
            }
        }
        try {
            run(transaction.build());
        } catch (TransactionCanceledException cancelled) {
            throw refusal(cancelled, current, event);
        }
        return atRead.toBuilder().version(current.version() + 1).updatedAt(stamp.at()).build();
    }

    private RuntimeException refusal(
            TransactionCanceledException cancelled, Contract current, FactWrite event) {
        CancellationReasons reasons = CancellationReasons.of(cancelled);
        // the contract's version check, or its fact (whose id the version names) already written
        if (reasons.conditionFailedAt(0) || reasons.conditionFailedAt(1)) {
            long now = find(current.id()).map(Contract::version).orElse(0L);
            return new VersionConflictException(current.id(), current.version(), now);
        }
        if (reasons.conditionFailedAt(2)) {
            String number = event.fact().reference();
            return taken("number", "invoice number " + number, number);
        }
        return cancelled;
    }

    private static ValidationException taken(String field, String what, String number) {
        return new ValidationException(
                new FieldProblem(
                        field,
                        "unique",
                        what + " is already recorded; numbers are unique",
                        number));
    }

    private static TransactPutItemEnhancedRequest<ContractFactItem> factPut(FactWrite event) {
        return TransactPutItemEnhancedRequest.builder(ContractFactItem.class)
                .item(ContractFactItem.from(event.fact(), event.invoiceType()))
                .conditionExpression(FACT_IS_NEW)
                .build();
    }

    private void run(TransactWriteItemsEnhancedRequest request) {
        ConflictRetry.standard()
                .run(
                        attempt -> {
                            enhanced.transactWriteItems(request);
                            return null;
                        });
    }

    /** The contract holding a number's claim, if any. */
    public Optional<String> holderOfNumber(String normalisedNumber) {
        return ItemTables.latest(claims.get(), Keys.contractNumber(normalisedNumber))
                .map(ContractClaimItem::getContractId);
    }

    /**
     * A page of the contract's facts, oldest first, all or of one caliber: one query of its {@code
     * byContractFacts} partition.
     */
    public Page<RecordedFact> facts(String contractId, Caliber caliber, PageRequest page) {
        Expression filter =
                caliber == null
                        ? null
                        : Expression.builder()
                                .expression("#caliber = :caliber")
                                .putExpressionName("#caliber", "caliber")
                                .putExpressionValue(
                                        ":caliber", AttributeValue.fromS(caliber.name()))
                                .build();
        return factsOfContract
                .page(List.of(Keys.contractFacts(contractId)), page, filter)
                .map(ContractFactItem::toRecorded);
    }

    /**
     * The first {@code limit} facts of each contract, oldest first: one query per contract, run
     * side by side (DynamoDB has no batched query).
     */
    public Map<String, List<RecordedFact>> factsOf(Collection<String> contractIds, int limit) {
        List<String> ids = List.copyOf(contractIds);
        PageRequest first = new PageRequest(limit, Optional.empty());
        List<List<RecordedFact>> read =
                ParallelReads.each(
                        ids,
                        id ->
                                facts(id, null, first).entries().stream()
                                        .map(Page.Entry::item)
                                        .toList());
        Map<String, List<RecordedFact>> byContract = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byContract.put(ids.get(i), read.get(i));
        }
        return byContract;
    }

    public Page<Contract> list(ContractFilter filter, PageRequest page) {
        ListPlan plan = choosePlan(filter);
        return listIndexes
                .get(plan.index())
                .page(plan.partitions(), page, residual(filter, plan.keyedTerm()))
                .map(ContractItem::toContract);
    }

    /** A contract as a contracts-stream image shows it; empty for no image or a fact's. */
    public static Optional<Contract> fromImage(Map<String, AttributeValue> image) {
        if (image == null || image.isEmpty()) {
            return Optional.empty();
        }
        AttributeValue kind = image.get("kind");
        if (kind == null || !ContractItem.KIND.equals(kind.s())) {
            return Optional.empty();
        }
        return Optional.of(ItemTables.schema(ContractItem.class).mapToItem(image).toContract());
    }

    private record ListPlan(String index, List<String> partitions, String keyedTerm) {}

    /**
     * Row scope arrives as filter terms (owner, team, region) and those come first, so every role's
     * list is a key query inside its own scope; a customer's contracts are one partition.
     */
    private static ListPlan choosePlan(ContractFilter filter) {
        if (filter.ownerId() != null) {
            return new ListPlan(
                    ContractItem.BY_OWNER,
                    List.of(Keys.contractOwner(filter.ownerId())),
                    "ownerId");
        }
        if (filter.customerId() != null) {
            return new ListPlan(
                    ContractItem.BY_CUSTOMER,
                    List.of(Keys.contractCustomer(filter.customerId())),
                    "customerId");
        }
        if (filter.team() != null) {
            return new ListPlan(
                    ContractItem.BY_TEAM, List.of(Keys.contractTeam(filter.team())), "team");
        }
        if (filter.region() != null) {
            return new ListPlan(
                    ContractItem.BY_REGION, Keys.contractRegionShards(filter.region()), "region");
        }
        if (filter.status() != null) {
            return new ListPlan(
                    ContractItem.BY_STATUS,
                    Keys.contractStatusShards(filter.status().name()),
                    "status");
        }
        return new ListPlan(ContractItem.BY_CREATED, Keys.contractAllShards(), null);
    }

    /** Every filter term the index key does not apply, as one condition; null when none. */
    private static Expression residual(ContractFilter filter, String keyedTerm) {
        ResidualFilter residual =
                new ResidualFilter()
                        .equalTo("ownerId", filter.ownerId())
                        .equalTo("customerId", filter.customerId())
                        .equalTo("team", filter.team())
                        .equalTo("region", filter.region())
                        .equalTo("status", filter.status() == null ? null : filter.status().name())
                        .keyedBy(keyedTerm);
        // ISO dates sort as text: a string comparison is a date comparison
        if (filter.signedFrom() != null) {
            residual.condition(
                    "#signedOn >= :signedFrom",
                    List.of("signedOn"),
                    Map.of(":signedFrom", AttributeValue.fromS(filter.signedFrom().toString())));
        }
        if (filter.signedTo() != null) {
            residual.condition(
                    "#signedOn <= :signedTo",
                    List.of("signedOn"),
                    Map.of(":signedTo", AttributeValue.fromS(filter.signedTo().toString())));
        }
        return residual.build();
    }
}
