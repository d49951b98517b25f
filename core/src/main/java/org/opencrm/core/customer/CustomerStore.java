package org.opencrm.core.customer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencrm.core.error.DuplicateException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.identity.ClaimItem;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.BatchGet;
import org.opencrm.core.store.CancellationReasons;
import org.opencrm.core.store.ConflictRetry;
import org.opencrm.core.store.EqualityFilter;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.Keys.IdentityKind;
import org.opencrm.core.store.ShardedIndexQuery;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Customers and their uniqueness claims. A customer and the identity items for its phone and email
 * are written in one transaction, so two racing creates with the same phone produce one customer
 * . Every write is version-checked.
 */
public final class CustomerStore {

    /** The field a refused golden id claim names in its DUPLICATE. */
    public static final String GOLDEN_ID_FIELD = "goldenId";

    // a claim without a customer is a lead's
    private static final Expression HELD_BY_A_CUSTOMER =
            Expression.builder()
                    .expression("attribute_exists(#customer)")
                    .putExpressionName("#customer", "customerId")
                    .build();

    private final DynamoDbEnhancedClient enhanced;
    private final Supplier<DynamoDbTable<CustomerItem>> customers;
    private final Supplier<DynamoDbTable<ClaimItem>> identities;
    private final Map<String, ShardedIndexQuery<CustomerItem>> indexes = new HashMap<>();
    // a system's claims in claim key order, its shards merged
    private final ShardedIndexQuery<ClaimItem> claimsBySystem;

    public CustomerStore(DynamoDbEnhancedClient enhanced, TableNames tables) {
        this.enhanced = enhanced;
        this.customers = ItemTables.lazy(enhanced, tables.customers(), CustomerItem.class);
        this.identities = ItemTables.lazy(enhanced, tables.identity(), ClaimItem.class);
        this.claimsBySystem =
                new ShardedIndexQuery<>(
                        ItemTables.index(identities, ClaimItem.BY_SYSTEM),
                        ClaimItem::getIdentityKey,
                        true);
        for (String index :
                List.of(
                        CustomerItem.BY_OWNER,
                        CustomerItem.BY_REGION,
                        CustomerItem.BY_STAGE,
                        CustomerItem.BY_CREATED,
                        CustomerItem.BY_TEAM,
                        CustomerItem.BY_SERVICE_AGENT)) {
            indexes.put(
                    index,
                    new ShardedIndexQuery<>(
                            ItemTables.index(customers, index), CustomerItem::getListKey));
        }
    }

    /** A customer as a stream record's image shows it; null for no image. */
    public static Customer fromImage(Map<String, AttributeValue> image) {
        return image == null || image.isEmpty()
                ? null
                : ItemTables.schema(CustomerItem.class).mapToItem(image).toCustomer();
    }

    public Optional<Customer> find(String id) {
        return ItemTables.latest(customers.get(), id).map(CustomerItem::toCustomer);
    }

    /**
     * Writes a new customer with its identity claims and the claim of its golden id; returns it at
     * version 1. A golden id someone else holds is refused as DUPLICATE on {@code goldenId}.
     */
    public Customer insert(Customer customer, WriteStamp stamp) {
        Customer claimed =
                customer.toBuilder().goldenIdClaimed(customer.goldenId() != null).build();
        CustomerItem item = CustomerItem.from(claimed, stamp);
        List<Claim> claims = new ArrayList<>(claims(customer));
        goldenClaim(customer, ClaimCondition.NEW_ONLY).ifPresent(claims::add);
        TransactWriteItemsEnhancedRequest.Builder transaction =
                TransactWriteItemsEnhancedRequest.builder()
                        .addPutItem(
                                customers.get(),
                                TransactPutItemEnhancedRequest.builder(CustomerItem.class)
                                        .item(item)
                                        .conditionExpression(ItemTables.NEW_ID)
                                        .build());
        claims.forEach(claim -> addClaim(transaction, claim, stamp));
        write(
                transaction.build(),
                claims,
                () -> new IllegalStateException("customer id " + customer.id() + " already taken"));
        return claimed.atVersion(1, stamp.at());
    }

    /**
     * Replaces {@code previous} with {@code next} if nobody wrote in between, moving the identity
     * claims whose phone or email changed in the same transaction. A golden id not claimed yet (one
     * just assigned, or one assigned before ids were claimed) is claimed in it too.
     */
    public Customer replace(Customer previous, Customer next, WriteStamp stamp) {
        Optional<Claim> golden =
                previous.goldenIdClaimed() && Objects.equals(previous.goldenId(), next.goldenId())
                        ? Optional.empty()
                        : goldenClaim(next, ClaimCondition.NEW_OR_MINE);
        Customer written =
                next.toBuilder()
                        .goldenIdClaimed(
                                next.goldenId() != null
                                        && (golden.isPresent() || previous.goldenIdClaimed()))
                        .build();
        CustomerItem item = CustomerItem.from(written, stamp);
        List<Claim> released = changedClaims(previous, next);
        List<Claim> added = new ArrayList<>(changedClaims(next, previous));
        golden.ifPresent(added::add);
        TransactWriteItemsEnhancedRequest.Builder transaction =
                TransactWriteItemsEnhancedRequest.builder()
                        .addPutItem(
                                customers.get(),
                                TransactPutItemEnhancedRequest.builder(CustomerItem.class)
                                        .item(item)
                                        .build());
        added.forEach(claim -> addClaim(transaction, claim, stamp));
        released.forEach(claim -> addRelease(transaction, claim, next.id()));
        write(transaction.build(), added, () -> versionConflict(next.id(), previous.version()));
        return written.atVersion(previous.version() + 1, stamp.at());
    }

    /**
     * Deletes the customer and releases its claims. The item is first re-stamped with the deleting
     * actor and reason (archived), so the stream's removal record names who deleted it and why;
     * then it is removed on that version, with its claims, in one transaction.
     */
    public Customer delete(Customer current, String reason, WriteStamp stamp) {
        Customer stamped = replace(current, current.withArchived(true, reason, stamp.at()), stamp);
        TransactWriteItemsEnhancedRequest.Builder transaction =
                TransactWriteItemsEnhancedRequest.builder()
                        .addDeleteItem(
                                customers.get(),
                                TransactDeleteItemEnhancedRequest.builder()
                                        .key(Key.builder().partitionValue(current.id()).build())
                                        .conditionExpression(
                                                Expression.builder()
                                                        .expression("version = :version")
                                                        .putExpressionValue(
                                                                ":version",
                                                                AttributeValue.fromN(
                                                                        Long.toString(
                                                                                stamped.version())))
                                                        .build())
                                        .build());
        claims(stamped).forEach(claim -> addRelease(transaction, claim, stamped.id()));
        write(
                transaction.build(),
                List.of(),
                () -> versionConflict(current.id(), stamped.version()));
        return stamped;
    }

    /** The customer holding an identity claim (an external id, a phone), if any. */
    public Optional<String> holderOf(String identityKey) {
        return ItemTables.latest(identities.get(), identityKey).map(ClaimItem::getCustomerId);
    }

    /**
     * Claims {@code goldenId} for the customer unless another customer holds it: a lead's golden id
     * absorbed by the customer the lead was linked to then resolves to that customer. Idempotent.
     *
     * @return whether the id now names {@code customerId}
     */
    public boolean claimGoldenId(String goldenId, String customerId, Instant at) {
        try {
            identities
                    .get()
                    .putItem(
                            PutItemEnhancedRequest.builder(ClaimItem.class)
                                    .item(
                                            ClaimItem.forCustomer(
                                                    Keys.goldenId(goldenId), customerId, at))
                                    .conditionExpression(
                                            ClaimCondition.NEW_OR_MINE.forCustomer(customerId))
                                    .build());
            return true;
        } catch (ConditionalCheckFailedException heldByAnother) {
            return false;
        }
    }

    public Page<Customer> list(CustomerFilter filter, PageRequest page) {
        return choosePlan(filter).run(page).map(CustomerItem::toCustomer);
    }

    /**
     * The index for the filter; the rest of the filter is applied within it. Row scope arrives as
     * filter terms (owner, service agent, team, region), and those come first, so every role's list
     * is a key query inside its own scope, never a read across the org.
     */
    private ListPlan choosePlan(CustomerFilter filter) {
        boolean archived = filter.archived();
        if (filter.ownerId() != null) {
            return plan(
                    CustomerItem.BY_OWNER,
                    List.of(Keys.customerOwner(filter.ownerId(), archived)),
                    filter,
                    "ownerId");
        }
        if (filter.serviceAgentId() != null) {
            return plan(
                    CustomerItem.BY_SERVICE_AGENT,
                    List.of(Keys.customerServiceAgent(filter.serviceAgentId(), archived)),
                    filter,
                    "serviceAgentId");
        }
        if (filter.team() != null) {
            return plan(
                    CustomerItem.BY_TEAM,
                    List.of(Keys.customerTeam(filter.team(), archived)),
                    filter,
                    "team");
        }
        if (filter.region() != null) {
            return plan(
                    CustomerItem.BY_REGION,
                    Keys.customerRegionShards(filter.region(), archived),
                    filter,
                    "region");
        }
        if (filter.stage() != null) {
            return plan(
                    CustomerItem.BY_STAGE,
                    Keys.customerStageShards(filter.stage().name(), archived),
                    filter,
                    "stage");
        }
        return plan(CustomerItem.BY_CREATED, Keys.customerAllShards(archived), filter, null);
    }

    private ListPlan plan(
            String index, List<String> partitions, CustomerFilter filter, String keyedTerm) {
        return new ListPlan(indexes.get(index), partitions, residual(filter, keyedTerm));
    }

    private record ListPlan(
            ShardedIndexQuery<CustomerItem> index, List<String> partitions, Expression filter) {
        Page<CustomerItem> run(PageRequest page) {
            return index.page(partitions, page, filter);
        }
    }

    /** Equality terms for every filter field except the one the index key already applies. */
    private static Expression residual(CustomerFilter filter, String keyedTerm) {
        Map<String, String> terms = new LinkedHashMap<>();
        terms.put("ownerId", filter.ownerId());
        terms.put("serviceAgentId", filter.serviceAgentId());
        terms.put("team", filter.team());
        terms.put("stage", filter.stage() == null ? null : filter.stage().name());
        terms.put("region", filter.region());
        terms.remove(keyedTerm);
        return EqualityFilter.of(terms);
    }

    /** Sends the transaction, again while only other transactions are in its way. */
    private void write(
            TransactWriteItemsEnhancedRequest transaction,
            List<Claim> claims,
            Supplier<RuntimeException> recordConflict) {
        try {
            ConflictRetry.standard()
                    .run(
                            attempt -> {
                                enhanced.transactWriteItems(transaction);
                                return null;
                            });
        } catch (TransactionCanceledException cancelled) {
            throw explain(cancelled, claims, recordConflict);
        }
    }

    /** Many customers by id, batched (R-09's diff); ids without a customer are absent. */
    public Map<String, Customer> findAll(java.util.Collection<String> ids) {
        List<Key> keys = ids.stream().map(id -> Key.builder().partitionValue(id).build()).toList();
        Map<String, Customer> found = new HashMap<>();
        for (CustomerItem item : BatchGet.items(enhanced, customers.get(), keys)) {
            found.put(item.getId(), item.toCustomer());
        }
        return found;
    }

    /** The customers holding these claims, by claim key, batched; unclaimed keys are absent. */
    public Map<String, String> holdersOf(java.util.Collection<String> identityKeys) {
        List<Key> keys =
                identityKeys.stream()
                        .map(identityKey -> Key.builder().partitionValue(identityKey).build())
                        .toList();
        Map<String, String> holders = new HashMap<>();
        for (ClaimItem claim : BatchGet.items(enhanced, identities.get(), keys)) {
            if (claim.getCustomerId() != null) {
                holders.put(claim.getIdentityKey(), claim.getCustomerId());
            }
        }
        return holders;
    }

    /**
     * Every customer id holding an id of {@code system} (R-08 claims), by claim key: an index query
     * per shard of {@link ClaimItem#BY_SYSTEM}, never a scan.
     */
    public Map<String, String> holdersOfSystem(String system) {
        Map<String, String> holders = new HashMap<>();
        for (String shard : Keys.externalSystemShards(system)) {
            identities
                    .get()
                    .index(ClaimItem.BY_SYSTEM)
                    .query(
                            software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional
                                    .keyEqualTo(Key.builder().partitionValue(shard).build()))
                    .stream()
                    .flatMap(page -> page.items().stream())
                    .filter(claim -> claim.getCustomerId() != null)
                    .forEach(claim -> holders.put(claim.getIdentityKey(), claim.getCustomerId()));
        }
        return holders;
    }

    /**
     * The next {@code limit} claims of ids of {@code system} after the claim key {@code after}
     * (null: from the first), in claim key order across the index's shards, as claim key and
     * customer id: a page of {@link #holdersOfSystem} for work that walks them in chunks from a
     * cursor. One bounded index query per shard, never a scan.
     */
    public List<Map.Entry<String, String>> holdersOfSystemAfter(
            String system, String after, int limit) {
        PageRequest next = new PageRequest(limit, Optional.ofNullable(after));
        return claimsBySystem
                .page(Keys.externalSystemShards(system), next, HELD_BY_A_CUSTOMER)
                .entries()
                .stream()
                .map(
                        entry ->
                                Map.entry(
                                        entry.item().getIdentityKey(),
                                        entry.item().getCustomerId()))
                .toList();
    }

    /** Turns a cancelled transaction into the domain failure it stands for. */
    private RuntimeException explain(
            TransactionCanceledException cancelled,
            List<Claim> claims,
            Supplier<RuntimeException> recordConflict) {
        CancellationReasons reasons = CancellationReasons.of(cancelled);
        // reasons follow the order of the actions: the customer first, then the claims added
        if (reasons.conditionFailedAt(0)) {
            return recordConflict.get();
        }
        for (int i = 0; i < claims.size(); i++) {
            if (reasons.conditionFailedAt(i + 1)) {
                return new DuplicateException(
                        claims.get(i).field(), holderOf(claims.get(i), reasons.itemAt(i + 1)));
            }
        }
        return cancelled;
    }

    /** Who holds the claim: as the failed condition returned it, else read now. */
    private String holderOf(Claim claim, Map<String, AttributeValue> asFound) {
        if (asFound.containsKey("customerId")) {
            return asFound.get("customerId").s();
        }
        return ItemTables.latest(identities.get(), claim.identityKey())
                .map(ClaimItem::getCustomerId)
                .orElse("unknown");
    }

    private VersionConflictException versionConflict(String customerId, long expectedVersion) {
        long current = find(customerId).map(Customer::version).orElse(0L);
        return new VersionConflictException(customerId, expectedVersion, current);
    }

    /** Gives a claim up in the transaction, if {@code customerId} still holds it. */
    private void addRelease(
            TransactWriteItemsEnhancedRequest.Builder transaction, Claim claim, String customerId) {
        transaction.addDeleteItem(
                identities.get(),
                TransactDeleteItemEnhancedRequest.builder()
                        .key(Key.builder().partitionValue(claim.identityKey()).build())
                        .conditionExpression(ownedBy(customerId))
                        .build());
    }

    private void addClaim(
            TransactWriteItemsEnhancedRequest.Builder transaction, Claim claim, WriteStamp stamp) {
        transaction.addPutItem(
                identities.get(),
                TransactPutItemEnhancedRequest.builder(ClaimItem.class)
                        .item(
                                ClaimItem.forCustomer(
                                        claim.identityKey(), claim.customerId(), stamp.at()))
                        .conditionExpression(claim.condition().forCustomer(claim.customerId()))
                        .returnValuesOnConditionCheckFailure(
                                ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build());
    }

    private static Expression ownedBy(String customerId) {
        return Expression.builder()
                .expression("customerId = :customerId")
                .putExpressionValue(":customerId", AttributeValue.fromS(customerId))
                .build();
    }

    /** When a claim may be written. */
    private enum ClaimCondition {
        /** Only while nobody holds it. */
        NEW_ONLY,
        /** While nobody holds it or the customer already does: for claims repeated safely. */
        NEW_OR_MINE;

        Expression forCustomer(String customerId) {
            if (this == NEW_ONLY) {
                return Expression.builder().expression("attribute_not_exists(identityKey)").build();
            }
            return Expression.builder()
                    .expression("attribute_not_exists(identityKey) OR customerId = :customerId")
                    .putExpressionValue(":customerId", AttributeValue.fromS(customerId))
                    .build();
        }
    }

    private record Claim(
            String field, String identityKey, String customerId, ClaimCondition condition) {

        Claim(String field, String identityKey, String customerId) {
            this(field, identityKey, customerId, ClaimCondition.NEW_ONLY);
        }
    }

    /**
     * The golden id's claim, kept apart from {@link #claims}: it never moves and is never released
     * (not even on delete), so an id other systems keep never comes to name someone else.
     */
    private static Optional<Claim> goldenClaim(Customer customer, ClaimCondition condition) {
        return Optional.ofNullable(customer.goldenId())
                .map(
                        goldenId ->
                                new Claim(
                                        GOLDEN_ID_FIELD,
                                        Keys.goldenId(goldenId),
                                        customer.id(),
                                        condition));
    }

    private static List<Claim> claims(Customer customer) {
        CustomerFields fields = customer.fields();
        String customerId = customer.id();
        List<Claim> claims = new ArrayList<>();
        customer.externalIds()
                .forEach(
                        (system, externalId) ->
                                claims.add(
                                        new Claim(
                                                "externalIds." + system,
                                                Keys.externalId(system, externalId),
                                                customerId)));
        if (fields.phone() != null) {
            claims.add(
                    new Claim(
                            "phone",
                            Keys.identity(IdentityKind.PHONE, fields.phone()),
                            customerId));
        }
        if (fields.email() != null) {
            claims.add(
                    new Claim(
                            "email",
                            Keys.identity(IdentityKind.EMAIL, fields.email()),
                            customerId));
        }
        return claims;
    }

    /** Claims {@code from} holds that {@code other} does not. */
    private static List<Claim> changedClaims(Customer from, Customer other) {
        List<Claim> otherClaims = claims(other);
        return claims(from).stream()
                .filter(
                        claim ->
                                otherClaims.stream()
                                        .noneMatch(
                                                o ->
                                                        Objects.equals(
                                                                o.identityKey(),
                                                                claim.identityKey())))
                .toList();
    }
}
