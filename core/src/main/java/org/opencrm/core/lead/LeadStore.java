package org.opencrm.core.lead;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.identity.ClaimItem;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.BatchGet;
import org.opencrm.core.store.CancellationReasons;
import org.opencrm.core.store.EqualityFilter;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.Keys.IdentityKind;
import org.opencrm.core.store.ShardedIndexQuery;
import org.opencrm.core.store.ShardedIndexQuery.SortRange;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Leads and their contact claims.get(). A lead and the identity items for its phone, email and
 * WeChat id are written in one transaction, so racing intakes of one contact produce one lead
 * . Lead claims live beside customers' claims in the identity table under their own prefix: a
 * converted lead and its customer hold the same phone.
 */
public final class LeadStore {

    private static final int BATCH_READ = 100;

    private final DynamoDbClient dynamo;
    private final DynamoDbEnhancedClient enhanced;
    private final OpenLeadLedger ledger;
    private final String leadTable;
    private final String claimTable;
    private final Supplier<DynamoDbTable<LeadItem>> leads;
    private final Supplier<DynamoDbTable<ClaimItem>> claims;
    private final Map<String, ShardedIndexQuery<LeadItem>> indexes = new HashMap<>();
    private final ShardedIndexQuery<LeadItem> dueIndex;
    private final ShardedIndexQuery<LeadItem> poolOldestFirst;
    private final ShardedIndexQuery<LeadItem> poolAge;

    /**
     * @param ledger the owners' open-lead counts, moved in the transaction of every lead write that
     *     changes the owner or closes the lead
     */
    public LeadStore(
            DynamoDbClient dynamo,
            DynamoDbEnhancedClient enhanced,
            TableNames tables,
            OpenLeadLedger ledger) {
        this.dynamo = dynamo;
        this.enhanced = enhanced;
        this.ledger = ledger;
        this.leadTable = tables.leads();
        this.claimTable = tables.identity();
        this.leads = ItemTables.lazy(enhanced, tables.leads(), LeadItem.class);
        this.claims = ItemTables.lazy(enhanced, tables.identity(), ClaimItem.class);
        for (String index :
                List.of(
                        LeadItem.BY_STATUS,
                        LeadItem.BY_OWNER,
                        LeadItem.BY_CHANNEL,
                        LeadItem.BY_REGION,
                        LeadItem.BY_TEAM,
                        LeadItem.BY_CREATED,
                        LeadItem.BY_POOL,
                        LeadItem.BY_CUSTOMER)) {
            indexes.put(
                    index,
                    new ShardedIndexQuery<>(ItemTables.index(leads, index), LeadItem::getListKey));
        }
        this.dueIndex =
                new ShardedIndexQuery<>(
                        ItemTables.index(leads, LeadItem.BY_DUE), LeadItem::getDueSortKey, true);
        // the pool drains in arrival order (the list shows it newest first)
        this.poolOldestFirst =
                new ShardedIndexQuery<>(
                        ItemTables.index(leads, LeadItem.BY_POOL), LeadItem::getListKey, true);
        this.poolAge =
                new ShardedIndexQuery<>(
                        ItemTables.index(leads, LeadItem.BY_POOL_AGE),
                        LeadItem::getPoolAgeSortKey,
                        true);
    }

    /**
     * How a write ended: written, refused because a contact is claimed by someone else, refused as
     * stale, or refused because the new owner has no room (their open-lead count is at capacity).
     */
    public enum WriteOutcome {
        WRITTEN,
        CONTACT_TAKEN,
        STALE,
        NO_ROOM
    }

    /** Who holds a contact: a lead or a customer, and by which contact they were found. */
    public record Holder(String leadId, String customerId, String matchedBy) {

        public boolean isLead() {
            return leadId != null;
        }
    }

    /** A lead as a stream record's image shows it; null for no image. */
    public static Lead fromImage(Map<String, AttributeValue> image) {
        return image == null || image.isEmpty()
                ? null
                : ItemTables.schema(LeadItem.class).mapToItem(image).toLead();
    }

    public Optional<Lead> find(String id) {
        return ItemTables.latest(leads.get(), id).map(LeadItem::toLead);
    }

    /**
     * The lead or customer already holding one of these contacts: leads first (in the order phone,
     * email, WeChat id), then customers. One consistent batch read.
     */
    public Optional<Holder> holderOf(LeadFields fields) {
        List<Contact> contacts = contacts(fields);
        if (contacts.isEmpty()) {
            return Optional.empty();
        }
        return holderIn(contacts, readClaims(contacts));
    }

    /** Leads first: a contact held by a lead and by its customer belongs to the lead's history. */
    private static Optional<Holder> holderIn(List<Contact> contacts, Map<String, ClaimItem> found) {
        for (Contact contact : contacts) {
            ClaimItem claim = found.get(contact.leadKey());
            if (claim != null && claim.getLeadId() != null) {
                return Optional.of(new Holder(claim.getLeadId(), null, contact.field()));
            }
        }
        return customerIn(contacts, found);
    }

    private static Optional<Holder> customerIn(
            List<Contact> contacts, Map<String, ClaimItem> found) {
        for (Contact contact : contacts) {
            ClaimItem claim =
                    contact.customerKey() == null ? null : found.get(contact.customerKey());
            if (claim != null && claim.getCustomerId() != null) {
                return Optional.of(new Holder(null, claim.getCustomerId(), contact.field()));
            }
        }
        return Optional.empty();
    }

    /** The customer already holding the lead's phone or email, if any (conversion links to it). */
    public Optional<Holder> customerHolderOf(LeadFields fields) {
        List<Contact> contacts =
                contacts(fields).stream().filter(contact -> contact.customerKey() != null).toList();
        return contacts.isEmpty() ? Optional.empty() : customerIn(contacts, readClaims(contacts));
    }

    /**
     * {@link #holderOf} for many leads at once, in batch reads of up to 100 keys: the bulk path of
     * an import.
     */
    public List<Optional<Holder>> holdersOf(List<LeadFields> many) {
        List<Contact> all = many.stream().flatMap(fields -> contacts(fields).stream()).toList();
        Map<String, ClaimItem> found = new HashMap<>();
        for (int from = 0; from < all.size(); from += BATCH_READ / 2) {
            found.putAll(
                    readClaims(all.subList(from, Math.min(all.size(), from + BATCH_READ / 2))));
        }
        return many.stream().map(fields -> holderIn(contacts(fields), found)).toList();
    }

    /**
     * Writes several new leads with their claims in one transaction: all or nothing. The caller
     * keeps the batch free of shared contacts; any refusal sends it back to the one-by-one path.
     */
    public WriteOutcome insertAll(List<Lead> batch, WriteStamp stamp) {
        TransactWriteItemsEnhancedRequest.Builder transaction =
                TransactWriteItemsEnhancedRequest.builder();
        batch.forEach(lead -> addInsert(transaction, lead, stamp));
        return write(transaction.build());
    }

    /** How many items a lead's insert writes: the lead and one claim per contact. */
    public static int itemsOf(LeadFields fields) {
        return 1 + contacts(fields).size();
    }

    /** The identity keys a lead would claim. */
    public static List<String> claimKeysOf(LeadFields fields) {
        return contacts(fields).stream().map(Contact::leadKey).toList();
    }

    /** Writes a new lead with its contact claims, all or nothing. */
    public WriteOutcome insert(Lead lead, WriteStamp stamp) {
        return insertAll(List.of(lead), stamp);
    }

    /** A new lead (refused if its id exists) and its contact claims, added to a transaction. */
    private void addInsert(
            TransactWriteItemsEnhancedRequest.Builder transaction, Lead lead, WriteStamp stamp) {
        transaction.addPutItem(
                leads.get(),
                TransactPutItemEnhancedRequest.builder(LeadItem.class)
                        .item(LeadItem.from(lead, stamp))
                        .conditionExpression(ItemTables.NEW_ID)
                        .build());
        contacts(lead.fields())
                .forEach(contact -> addClaim(transaction, contact.leadKey(), lead.id(), stamp));
    }

    /**
     * Replaces {@code previous} (version-checked) with {@code next}, claiming the contacts {@code
     * next} adds.
     */
    public WriteOutcome replace(Lead previous, Lead next, WriteStamp stamp) {
        return replace(previous, next, stamp, null);
    }

    /**
     * {@link #replace(Lead, Lead, WriteStamp)}, and when the owner or the open/closed state
     * changes, the owners' open-lead counts move in the same transaction (R-12: the count is a
     * ledger).
     *
     * @param capacity when not null, the new owner's count must stay below it and the new owner
     *     must still be ACTIVE, else {@link WriteOutcome#NO_ROOM} and nothing is written
     */
    public WriteOutcome replace(Lead previous, Lead next, WriteStamp stamp, Long capacity) {
        List<TransactWriteItem> moves = ledger.moves(previous, next, capacity);
        if (!moves.isEmpty()) {
            return replaceCounted(previous, next, stamp, moves);
        }
        TransactWriteItemsEnhancedRequest.Builder transaction =
                TransactWriteItemsEnhancedRequest.builder()
                        .addPutItem(
                                leads.get(),
                                TransactPutItemEnhancedRequest.builder(LeadItem.class)
                                        .item(LeadItem.from(next, stamp))
                                        .build());
        List<String> held = contacts(previous.fields()).stream().map(Contact::leadKey).toList();
        contacts(next.fields()).stream()
                .filter(contact -> !held.contains(contact.leadKey()))
                .forEach(contact -> addClaim(transaction, contact.leadKey(), next.id(), stamp));
        return write(transaction.build());
    }

    /**
     * The lead's version-checked put, its new claims and the counts' ADDs in one low-level
     * transaction: the Enhanced Client can neither ADD nor take foreign actions, so the version
     * check the versioned-record extension does elsewhere is spelled out here. Actions in order:
     * the lead, its claims, the counts.
     */
    private WriteOutcome replaceCounted(
            Lead previous, Lead next, WriteStamp stamp, List<TransactWriteItem> moves) {
        Map<String, AttributeValue> item =
                new HashMap<>(
                        ItemTables.schema(LeadItem.class)
                                .itemToMap(LeadItem.from(next, stamp), true));
        item.put("version", AttributeValue.fromN(Long.toString(previous.version() + 1)));
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(
                TransactWriteItem.builder()
                        .put(
                                Put.builder()
                                        .tableName(leadTable)
                                        .item(item)
                                        .conditionExpression("#version = :read")
                                        .expressionAttributeNames(Map.of("#version", "version"))
                                        .expressionAttributeValues(
                                                Map.of(
                                                        ":read",
                                                        AttributeValue.fromN(
                                                                Long.toString(previous.version()))))
                                        .build())
                        .build());
        List<String> held = claimKeysOf(previous.fields());
        contacts(next.fields()).stream()
                .filter(contact -> !held.contains(contact.leadKey()))
                .forEach(
                        contact ->
                                actions.add(claimAction(contact.leadKey(), next.id(), stamp.at())));
        int firstCount = actions.size();
        actions.addAll(moves);
        try {
            dynamo.transactWriteItems(request -> request.transactItems(actions));
            return WriteOutcome.WRITTEN;
        } catch (TransactionCanceledException cancelled) {
            CancellationReasons reasons = CancellationReasons.of(cancelled);
            // the lead's version held, yet a count's condition did not
            boolean aCountHadNoRoom =
                    !reasons.conditionFailedAt(0)
                            && IntStream.range(firstCount, actions.size())
                                    .anyMatch(reasons::conditionFailedAt);
            return aCountHadNoRoom ? WriteOutcome.NO_ROOM : outcomeOf(cancelled);
        }
    }

    private TransactWriteItem claimAction(String key, String leadId, java.time.Instant at) {
        return TransactWriteItem.builder()
                .put(
                        Put.builder()
                                .tableName(claimTable)
                                .item(
                                        ItemTables.schema(ClaimItem.class)
                                                .itemToMap(
                                                        ClaimItem.forLead(key, leadId, at), true))
                                .conditionExpression("attribute_not_exists(identityKey)")
                                .build())
                .build();
    }

    /**
     * Replaces {@code previous} with {@code next}, a change that keeps the lead's contacts, and
     * returns {@code next} at its new version; or, when the lead changed since {@code previous} was
     * read, throws the version conflict with the version it is at now.
     */
    public Lead replaceOrConflict(Lead previous, Lead next, WriteStamp stamp) {
        if (!claimKeysOf(previous.fields()).equals(claimKeysOf(next.fields()))) {
            throw new IllegalArgumentException(
                    "lead "
                            + next.id()
                            + ": a change of contacts may find them taken, use replace");
        }
        if (replace(previous, next, stamp) != WriteOutcome.WRITTEN) {
            long current = find(next.id()).map(Lead::version).orElse(0L);
            throw new VersionConflictException(next.id(), previous.version(), current);
        }
        return next.atVersion(previous.version() + 1, stamp.at());
    }

    /** The unassigned pool of a region (null: leads without one), newest first. */
    public Page<Lead> pool(String region, PageRequest page) {
        return indexes.get(LeadItem.BY_POOL)
                .page(List.of(Keys.leadPool(region)), page, null)
                .map(LeadItem::toLead);
    }

    /**
     * The region's {@code count} pooled leads that have waited longest, oldest first, as the index
     * holds them (eventually consistent: read a lead again before acting on it).
     */
    public List<Lead> oldestPooled(String region, int count) {
        return poolOldestFirst
                .page(List.of(Keys.leadPool(region)), PageRequest.of(count, null), null)
                .entries()
                .stream()
                .map(entry -> entry.item().toLead())
                .toList();
    }

    /**
     * Ids of the pooled leads whose stay has sent {@code remindersSent} reminders and began at or
     * before {@code upTo}, longest waiting first. The index holds keys only and lags: read each
     * lead again before acting on it.
     */
    public Page<String> pooledSince(int remindersSent, java.time.Instant upTo, PageRequest page) {
        return poolAge.page(
                        Keys.poolAgeShards(remindersSent),
                        page,
                        null,
                        new SortRange(null, Keys.listKeyUpTo(upTo)))
                .map(LeadItem::getId);
    }

    /** Leads whose next SLA step fell due at or before {@code now}, oldest due first. */
    public Page<Lead> due(java.time.Instant now, PageRequest page) {
        return dueIndex.page(
                        Keys.slaDueShards(), page, null, new SortRange(null, Keys.listKeyUpTo(now)))
                .map(LeadItem::toLead);
    }

    /** The leads converted into or linked with the customer, newest first: one index query. */
    public Page<Lead> ofCustomer(String customerId, PageRequest page) {
        return indexes.get(LeadItem.BY_CUSTOMER)
                .page(List.of(customerId), page, null)
                .map(LeadItem::toLead);
    }

    public Page<Lead> list(LeadFilter filter, PageRequest page) {
        SortRange range =
                new SortRange(
                        filter.from() == null ? null : Keys.listKeyFrom(filter.from()),
                        filter.to() == null ? null : Keys.listKeyUpTo(filter.to()));
        if (filter.ownerId() != null) {
            return run(
                    LeadItem.BY_OWNER, List.of(filter.ownerId()), filter, "ownerId", range, page);
        }
        if (filter.team() != null) {
            return run(
                    LeadItem.BY_TEAM,
                    List.of(Keys.leadTeam(filter.team())),
                    filter,
                    "team",
                    range,
                    page);
        }
        if (filter.region() != null) {
            return run(
                    LeadItem.BY_REGION,
                    Keys.leadRegionShards(filter.region()),
                    filter,
                    "region",
                    range,
                    page);
        }
        if (filter.status() != null) {
            return run(
                    LeadItem.BY_STATUS,
                    Keys.leadStatusShards(filter.status().name()),
                    filter,
                    "status",
                    range,
                    page);
        }
        if (filter.channel() != null) {
            return run(
                    LeadItem.BY_CHANNEL,
                    Keys.leadChannelShards(filter.channel()),
                    filter,
                    "channel",
                    range,
                    page);
        }
        return run(LeadItem.BY_CREATED, Keys.leadAllShards(), filter, null, range, page);
    }

    private Page<Lead> run(
            String index,
            List<String> partitions,
            LeadFilter filter,
            String keyedTerm,
            SortRange range,
            PageRequest page) {
        Map<String, String> terms = new LinkedHashMap<>();
        terms.put("ownerId", filter.ownerId());
        terms.put("team", filter.team());
        terms.put("region", filter.region());
        terms.put("status", filter.status() == null ? null : filter.status().name());
        terms.put("channel", filter.channel());
        terms.remove(keyedTerm);
        return indexes.get(index)
                .page(partitions, page, EqualityFilter.of(terms), range)
                .map(LeadItem::toLead);
    }

    private WriteOutcome write(TransactWriteItemsEnhancedRequest transaction) {
        try {
            enhanced.transactWriteItems(transaction);
            return WriteOutcome.WRITTEN;
        } catch (TransactionCanceledException cancelled) {
            return outcomeOf(cancelled);
        }
    }

    /** Reasons follow the order of the actions: the lead first, then its claims.get(). */
    private static WriteOutcome outcomeOf(TransactionCanceledException cancelled) {
        CancellationReasons reasons = CancellationReasons.of(cancelled);
        if (reasons.conditionFailedAt(0)) {
            return WriteOutcome.STALE;
        }
        if (reasons.anyConditionFailed()) {
            return WriteOutcome.CONTACT_TAKEN;
        }
        // a conflict with another transaction in flight: the caller re-reads and tries again
        return WriteOutcome.STALE;
    }

    private void addClaim(
            TransactWriteItemsEnhancedRequest.Builder transaction,
            String key,
            String leadId,
            WriteStamp stamp) {
        transaction.addPutItem(
                claims.get(),
                TransactPutItemEnhancedRequest.builder(ClaimItem.class)
                        .item(ClaimItem.forLead(key, leadId, stamp.at()))
                        .conditionExpression(
                                Expression.builder()
                                        .expression("attribute_not_exists(identityKey)")
                                        .build())
                        .build());
    }

    private Map<String, ClaimItem> readClaims(List<Contact> contacts) {
        Set<Key> keys = new LinkedHashSet<>();
        for (Contact contact : contacts) {
            keys.add(Key.builder().partitionValue(contact.leadKey()).build());
            if (contact.customerKey() != null) {
                keys.add(Key.builder().partitionValue(contact.customerKey()).build());
            }
        }
        Map<String, ClaimItem> found = new HashMap<>();
        for (ClaimItem claim : BatchGet.items(enhanced, claims.get(), keys)) {
            found.put(claim.getIdentityKey(), claim);
        }
        return found;
    }

    /**
     * One usable contact with its lead claim key and the customer claim key it may match. Customers
     * claim phone and email only, so a WeChat id finds leads alone.
     */
    private record Contact(String field, String leadKey, String customerKey) {}

    private static List<Contact> contacts(LeadFields fields) {
        List<Contact> contacts = new ArrayList<>();
        if (fields.phone() != null) {
            contacts.add(
                    new Contact(
                            "phone",
                            Keys.leadIdentity(IdentityKind.PHONE, fields.phone()),
                            Keys.identity(IdentityKind.PHONE, fields.phone())));
        }
        if (fields.email() != null) {
            contacts.add(
                    new Contact(
                            "email",
                            Keys.leadIdentity(IdentityKind.EMAIL, fields.email()),
                            Keys.identity(IdentityKind.EMAIL, fields.email())));
        }
        if (fields.wechatId() != null) {
            contacts.add(
                    new Contact(
                            "wechatId",
                            Keys.leadIdentity(IdentityKind.WECHAT, fields.wechatId()),
                            null));
        }
        return contacts;
    }
}
