package org.opencrm.core.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.identity.GoldenIds;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadFields;
import org.opencrm.core.lead.LeadMerge;
import org.opencrm.core.lead.LeadService;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.lead.LeadStore;
import org.opencrm.core.lead.LeadStore.Holder;
import org.opencrm.core.lead.LeadStore.WriteOutcome;
import org.opencrm.core.metrics.BusinessEvent;
import org.opencrm.core.metrics.BusinessTally;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.ConflictRetry;
import org.opencrm.core.store.JsonText;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.LostRace;
import org.opencrm.core.store.ShardedIndexQuery.SortRange;
import org.opencrm.core.store.WriteRetry;
import org.opencrm.core.store.WriteStamp;

/**
 * Lead intake (R-02..R-07): every record that reaches us through any path (GraphQL, webhook, CSV
 * import, replay) goes through the channel's alias map, normalisation and dedupe here, and comes
 * back with an outcome: a new lead, merged into the lead or customer that holds one of its
 * contacts, or quarantined raw with its reasons. Nothing is dropped.
 */
public final class IntakeService {

    public static final int MAX_RECORDS = 500;

    /**
     * One record's JSON; with its raw copy kept, a lead stays far below DynamoDB's 400 KB item
     * limit.
     */
    public static final int MAX_RECORD_BYTES = 32_000;

    private static final Logger LOG = Logger.getLogger(IntakeService.class.getName());
    // DynamoDB's limit on the items of one TransactWriteItems
    private static final int TRANSACTION_ITEMS = 100;
    private static final String LEAD = "Lead";
    private static final String CUSTOMER = "Customer";

    private final LeadStore leads;
    private final IntakeStore intake;
    private final IntakeChannels channels;
    private final GoldenIds goldenIds;
    private final AccessPolicy policy;
    private final CustomerService customers;
    private final Clock clock;

    public IntakeService(
            LeadStore leads,
            IntakeStore intake,
            IntakeChannels channels,
            GoldenIds goldenIds,
            AccessPolicy policy,
            CustomerService customers,
            Clock clock) {
        this.leads = leads;
        this.intake = intake;
        this.channels = channels;
        this.goldenIds = goldenIds;
        this.policy = policy;
        this.customers = customers;
        this.clock = clock;
    }

    /**
     * Who delivered the records and how their ids are made. Ids of deliveries that may be processed
     * twice (an import chunk, a replay) are derived from a stable base, so the second run finds the
     * first run's lead instead of merging into it.
     *
     * @param caller the signed-in user, or null for a channel's own webhook (sees every outcome)
     * @param stableId a base for derived ids, or null for fresh random ids per record
     */
    public record Delivery(
            String channel, WriteStamp stamp, Caller caller, String importId, String stableId) {

        Ids idsFor(int index) {
            if (stableId == null) {
                String fresh = UUID.randomUUID().toString();
                return new Ids(fresh, "q-" + fresh, "m-" + fresh);
            }
            String base = stableId + "#" + index;
            return new Ids(
                    UUID.nameUUIDFromBytes(base.getBytes(StandardCharsets.UTF_8)).toString(),
                    "q-" + base,
                    "m-" + base);
        }
    }

    record Ids(String leadId, String quarantineId, String mergeId) {}

    /** GraphQL {@code ingestLeads}: up to {@link #MAX_RECORDS} records from one channel. */
    public List<IntakeOutcome> ingest(String channelId, List<JsonNode> records, Caller caller) {
        requireSize("records", records.size());
        requireRecordBytes(records);
        LeadChannels.Channel channel = channels.require(channelId);
        Delivery delivery =
                new Delivery(channelId, WriteStamp.of(caller, clock.instant()), caller, null, null);
        return ingest(channel, records, delivery, 0);
    }

    /** A channel's signed webhook; the signature was checked before this is called. */
    public List<IntakeOutcome> ingestFromWebhook(
            String channelId, List<JsonNode> records, String requestId, String sourceIp) {
        return ingestFromWebhook(channelId, records, requestId, sourceIp, null);
    }

    /**
     * A channel's signed webhook delivery that its sender may send again (issue 18): with {@code
     * stableId} (derived from the delivery), a second run finds what the first stored and answers
     * the same outcomes, never a record twice.
     */
    public List<IntakeOutcome> ingestFromWebhook(
            String channelId,
            List<JsonNode> records,
            String requestId,
            String sourceIp,
            String stableId) {
        requireSize("records", records.size());
        requireRecordBytes(records);
        // the platform holds a secret for it, so the records are ours to keep even if the channel
        // was removed since
        LeadChannels.Channel channel =
                channels.find(channelId).orElseGet(IntakeChannels::canonicalOnly);
        WriteStamp stamp =
                new WriteStamp("webhook:" + channelId, requestId, sourceIp, clock.instant());
        return ingest(channel, records, new Delivery(channelId, stamp, null, null, stableId), 0);
    }

    /**
     * Rows of a CSV import, numbered from {@code firstRow}; safe to run twice for the same rows.
     * The bulk path: contacts are looked up in batches, and rows nobody holds yet are written many
     * to a transaction; everything else (a match, a contact shared within the batch, a refused
     * transaction) goes the one-by-one way with the same outcome.
     */
    public List<IntakeOutcome> ingestImportRows(
            String channelId,
            List<JsonNode> rows,
            long firstRow,
            String importId,
            WriteStamp stamp) {
        LeadChannels.Channel channel =
                channels.find(channelId).orElseGet(IntakeChannels::canonicalOnly);
        Delivery delivery = new Delivery(channelId, stamp, null, importId, importId);
        IntakeOutcome[] outcomes = new IntakeOutcome[rows.size()];
        List<Pending> candidates = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            int index = Math.toIntExact(firstRow) + i;
            Ids ids = delivery.idsFor(index);
            Verdict verdict = evaluate(channel, rows.get(i));
            if (!verdict.rejections().isEmpty()) {
                outcomes[i] =
                        quarantine(
                                index, rawText(rows.get(i)), verdict.rejections(), delivery, ids);
            } else {
                candidates.add(new Pending(i, index, verdict, rawText(rows.get(i)), ids));
            }
        }
        List<Optional<Holder>> holders =
                leads.holdersOf(candidates.stream().map(c -> c.verdict().fields()).toList());
        List<Pending> fresh = new ArrayList<>();
        java.util.Set<String> claimed = new java.util.HashSet<>();
        for (int c = 0; c < candidates.size(); c++) {
            Pending candidate = candidates.get(c);
            List<String> keys = LeadStore.claimKeysOf(candidate.verdict().fields());
            boolean sharedInBatch = keys.stream().anyMatch(claimed::contains);
            claimed.addAll(keys);
            if (holders.get(c).isEmpty() && !sharedInBatch) {
                fresh.add(candidate);
            } else {
                outcomes[candidate.position()] = settleOrQuarantine(candidate, delivery);
            }
        }
        for (List<Pending> batch : transactionsOf(fresh)) {
            List<Lead> batchLeads =
                    batch.stream()
                            .map(p -> newLead(p.verdict(), p.raw(), delivery, p.ids()))
                            .toList();
            boolean written = leads.insertAll(batchLeads, delivery.stamp()) == WriteOutcome.WRITTEN;
            for (Pending pending : batch) {
                outcomes[pending.position()] =
                        written
                                ? IntakeOutcome.accepted(
                                        pending.index(),
                                        pending.ids().leadId(),
                                        pending.verdict().flags())
                                : settleOrQuarantine(pending, delivery);
            }
        }
        return List.of(outcomes);
    }

    /** A row that passed the rules, waiting for its write. */
    private record Pending(int position, int index, Verdict verdict, String raw, Ids ids) {}

    private IntakeOutcome settleOrQuarantine(Pending pending, Delivery delivery) {
        try {
            return settle(
                    pending.index(), pending.verdict(), pending.raw(), delivery, pending.ids());
        } catch (RuntimeException failure) {
            LOG.log(
                    Level.WARNING,
                    "import row "
                            + pending.index()
                            + " could not be stored; quarantined for replay",
                    failure);
            return quarantine(
                    pending.index(),
                    pending.raw(),
                    List.of(
                            FieldProblem.of(
                                    "record", "stored", "could not be stored just now; replay it")),
                    delivery,
                    pending.ids());
        }
    }

    /** Consecutive groups that fit one transaction (at most 100 items). */
    private static List<List<Pending>> transactionsOf(List<Pending> fresh) {
        List<List<Pending>> transactions = new ArrayList<>();
        List<Pending> current = new ArrayList<>();
        int items = 0;
        for (Pending pending : fresh) {
            int size = LeadStore.itemsOf(pending.verdict().fields());
            if (!current.isEmpty() && items + size > TRANSACTION_ITEMS) {
                transactions.add(current);
                current = new ArrayList<>();
                items = 0;
            }
            current.add(pending);
            items += size;
        }
        if (!current.isEmpty()) {
            transactions.add(current);
        }
        return transactions;
    }

    private Lead newLead(Verdict verdict, String raw, Delivery delivery, Ids ids) {
        Instant now = delivery.stamp().at();
        List<String> flags = verdict.flags().stream().map(FieldProblem::describe).toList();
        return Lead.builder()
                .id(ids.leadId())
                .version(0)
                .channel(delivery.channel())
                .status(LeadStatus.NEW)
                .fields(verdict.fields())
                .extra(verdict.extra())
                .raw(raw)
                .flags(flags)
                .sources(List.of(delivery.channel()))
                .goldenId(golden(verdict.fields(), ids.leadId()))
                .createdAt(now)
                .updatedAt(now)
                .lastIntakeAt(now)
                .build();
    }

    private List<IntakeOutcome> ingest(
            LeadChannels.Channel channel,
            List<JsonNode> records,
            Delivery delivery,
            int firstIndex) {
        List<IntakeOutcome> outcomes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            int index = firstIndex + i;
            IntakeOutcome outcome =
                    receive(channel, index, records.get(i), delivery, delivery.idsFor(index));
            outcomes.add(visible(outcome, delivery.caller()));
        }
        return tallied(outcomes);
    }

    /** Counts the outcomes for the business metrics, on the thread that asked for them. */
    static List<IntakeOutcome> tallied(List<IntakeOutcome> outcomes) {
        for (IntakeOutcome outcome : outcomes) {
            BusinessTally.count(
                    switch (outcome.status()) {
                        case ACCEPTED -> BusinessEvent.LEAD_ACCEPTED;
                        case MERGED -> BusinessEvent.LEAD_MERGED;
                        case QUARANTINED -> BusinessEvent.LEAD_QUARANTINED;
                    });
        }
        return outcomes;
    }

    /** One record, start to finish; an unexpected failure quarantines it rather than losing it. */
    private IntakeOutcome receive(
            LeadChannels.Channel channel, int index, JsonNode record, Delivery delivery, Ids ids) {
        String raw = rawText(record);
        Verdict verdict = evaluate(channel, record);
        if (!verdict.rejections().isEmpty()) {
            return quarantine(index, raw, verdict.rejections(), delivery, ids);
        }
        try {
            return settle(index, verdict, raw, delivery, ids);
        } catch (RuntimeException failure) {
            LOG.log(
                    Level.WARNING,
                    "intake record "
                            + index
                            + " of "
                            + delivery.channel()
                            + " (request "
                            + delivery.stamp().requestId()
                            + ") could not be stored; quarantined for replay",
                    failure);
            return quarantine(
                    index,
                    raw,
                    List.of(
                            FieldProblem.of(
                                    "record",
                                    "stored",
                                    "could not be stored just now (request "
                                            + delivery.stamp().requestId()
                                            + "); replay it")),
                    delivery,
                    ids);
        }
    }

    /** The record normalised, or why not: pure. */
    private record Verdict(
            LeadFields fields,
            Map<String, Object> extra,
            List<FieldProblem> flags,
            List<FieldProblem> rejections) {}

    private static Verdict evaluate(LeadChannels.Channel channel, JsonNode record) {
        if (record == null || !record.isObject()) {
            String type =
                    record == null
                            ? "nothing"
                            : record.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
            return new Verdict(
                    null,
                    Map.of(),
                    List.of(),
                    List.of(
                            new FieldProblem(
                                    "record",
                                    "type",
                                    "must be a JSON object of fields, got " + type,
                                    "object")));
        }
        AliasMapping mapped = AliasMapping.apply((ObjectNode) record, channel);
        LeadRules.Normalised normalised = LeadRules.normalise(mapped);
        if (!normalised.accepted()) {
            return new Verdict(null, Map.of(), List.of(), normalised.reasons());
        }
        Map<String, Object> extra = new LinkedHashMap<>(mapped.extra());
        // a flagged value was dropped from its field; it stays with the lead under its raw name
        for (FieldProblem flag : normalised.flags()) {
            String rawName = mapped.sentAs().getOrDefault(flag.field(), flag.field());
            JsonNode value = mapped.canonical().get(flag.field());
            if (value != null) {
                extra.putIfAbsent(rawName, JsonText.MAPPER.convertValue(value, Object.class));
            }
        }
        return new Verdict(normalised.fields(), extra, normalised.flags(), List.of());
    }

    /**
     * Dedupe and write, re-reading after every lost race until the record has a home. From the
     * second lost merge on, only the contact that matched is offered: the others were just taken by
     * someone else.
     */
    private IntakeOutcome settle(
            int index, Verdict verdict, String raw, Delivery delivery, Ids ids) {
        AtomicReference<LeadFields> incoming = new AtomicReference<>(verdict.fields());
        return ConflictRetry.standard()
                .run(
                        attempt -> {
                            Optional<Holder> holder = leads.holderOf(incoming.get());
                            if (holder.isEmpty()) {
                                return inserted(index, verdict, incoming.get(), raw, delivery, ids);
                            }
                            Holder found = holder.get();
                            if (ids.leadId().equals(found.leadId())) {
                                // an earlier run of this same delivery wrote it
                                return IntakeOutcome.accepted(index, ids.leadId(), verdict.flags());
                            }
                            if (!found.isLead()) {
                                return recorded(
                                        IntakeOutcome.merged(
                                                index,
                                                CUSTOMER,
                                                found.customerId(),
                                                found.matchedBy(),
                                                verdict.flags()),
                                        List.of(),
                                        raw,
                                        delivery,
                                        ids);
                            }
                            Optional<IntakeOutcome> merged =
                                    mergeIntoLead(
                                            index,
                                            found,
                                            incoming.get(),
                                            verdict,
                                            raw,
                                            delivery,
                                            ids);
                            if (merged.isPresent()) {
                                return merged.get();
                            }
                            if (attempt >= 2) {
                                incoming.set(withoutNewContacts(incoming.get(), found));
                            }
                            throw new LostRace(
                                    "record " + index + ": lead " + found.leadId() + " changed");
                        });
    }

    /** A new lead for the record; a contact claimed meanwhile by another lead is a lost race. */
    private IntakeOutcome inserted(
            int index,
            Verdict verdict,
            LeadFields incoming,
            String raw,
            Delivery delivery,
            Ids ids) {
        Lead lead =
                newLead(
                        new Verdict(incoming, verdict.extra(), verdict.flags(), List.of()),
                        raw,
                        delivery,
                        ids);
        WriteOutcome written = leads.insert(lead, delivery.stamp());
        if (written == WriteOutcome.WRITTEN || leads.find(ids.leadId()).isPresent()) {
            return IntakeOutcome.accepted(index, ids.leadId(), verdict.flags());
        }
        throw new LostRace("record " + index + ": a contact was claimed meanwhile");
    }

    private Optional<IntakeOutcome> mergeIntoLead(
            int index,
            Holder found,
            LeadFields incoming,
            Verdict verdict,
            String raw,
            Delivery delivery,
            Ids ids) {
        Optional<Lead> current = leads.find(found.leadId());
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Lead existing = current.get();
        if (existing.customerId() != null) {
            // converted: the customer is the record that matters now
            return Optional.of(
                    recorded(
                            IntakeOutcome.merged(
                                    index,
                                    CUSTOMER,
                                    existing.customerId(),
                                    found.matchedBy(),
                                    verdict.flags()),
                            List.of(),
                            raw,
                            delivery,
                            ids));
        }
        LeadMerge.Result result =
                LeadMerge.merge(
                        existing,
                        incoming,
                        verdict.extra(),
                        delivery.channel(),
                        delivery.stamp().at());
        if (result.changed()) {
            // R-07: the surviving lead keeps its golden id; only a lead from before gets one
            Lead merged = result.merged();
            Lead next =
                    existing.goldenId() == null
                            ? merged.withGoldenId(golden(merged.fields(), existing.id()))
                            : merged.withGoldenId(existing.goldenId());
            if (leads.replace(existing, next, delivery.stamp()) != WriteOutcome.WRITTEN) {
                return Optional.empty();
            }
        }
        return Optional.of(
                recorded(
                        IntakeOutcome.merged(
                                index, LEAD, existing.id(), found.matchedBy(), verdict.flags()),
                        result.contributed(),
                        raw,
                        delivery,
                        ids));
    }

    /** The merge recorded with what the record contributed; the outcome returned as it is. */
    private IntakeOutcome recorded(
            IntakeOutcome outcome,
            List<String> contributed,
            String raw,
            Delivery delivery,
            Ids ids) {
        intake.recordMerge(
                MergeRecordItem.of(
                        ids.mergeId(),
                        delivery.channel(),
                        raw,
                        outcome,
                        contributed,
                        delivery.stamp()));
        return outcome;
    }

    private IntakeOutcome quarantine(
            int index, String raw, List<FieldProblem> reasons, Delivery delivery, Ids ids) {
        Long row = delivery.importId() == null ? null : (long) index;
        QuarantinedRecord record =
                QuarantinedRecord.builder()
                        .id(ids.quarantineId())
                        .version(0)
                        .channel(delivery.channel())
                        .raw(raw)
                        .reasons(reasons)
                        .replayed(false)
                        .receivedAt(delivery.stamp().at())
                        .receivedBy(delivery.stamp().actorId())
                        .importId(delivery.importId())
                        .row(row)
                        .build();
        // the last place the record can go: a write that fails for a passing reason is tried again
        // before the delivery is given up (issue 18)
        WriteRetry.standard().run(() -> intake.quarantine(record, delivery.stamp()));
        return IntakeOutcome.quarantined(index, ids.quarantineId(), reasons);
    }

    /**
     * Corrects and replays quarantined records (R-05). {@code patches[i]} (may be absent) overlays
     * record {@code ids[i]}: a field set to null is removed. Replaying a record a second time
     * returns its first outcome: replay is idempotent.
     */
    public List<IntakeOutcome> replay(List<String> ids, List<JsonNode> patches, Caller caller) {
        requireSize("ids", ids.size());
        if (patches != null && !patches.isEmpty() && patches.size() != ids.size()) {
            throw new ValidationException(
                    new FieldProblem(
                            "patches",
                            "sameLength",
                            "must have one entry per id ("
                                    + ids.size()
                                    + "), got "
                                    + patches.size(),
                            ids.size()));
        }
        if (new java.util.HashSet<>(ids).size() != ids.size()) {
            throw new ValidationException(
                    FieldProblem.of("ids", "unique", "must not name a record twice"));
        }
        List<QuarantinedRecord> records =
                ids.stream()
                        .map(
                                id ->
                                        intake.findQuarantined(id)
                                                .orElseThrow(
                                                        () ->
                                                                new NotFoundException(
                                                                        "QuarantinedRecord", id)))
                        .toList();
        List<JsonNode> patched = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            patched.add(
                    patched(
                            records.get(i).raw(),
                            patches == null || patches.isEmpty() ? null : patches.get(i)));
        }
        requireRecordBytes(patched);
        List<IntakeOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            outcomes.add(visible(replayOrKeep(i, records.get(i), patched.get(i), caller), caller));
        }
        return outcomes;
    }

    /** One record's replay; if storing fails, it stays quarantined (unchanged) and says so. */
    private IntakeOutcome replayOrKeep(
            int index, QuarantinedRecord record, JsonNode patched, Caller caller) {
        try {
            return replayOne(index, record, patched, caller);
        } catch (org.opencrm.core.error.CrmException refused) {
            throw refused;
        } catch (RuntimeException failure) {
            LOG.log(
                    Level.WARNING,
                    "replay of " + record.id() + " failed; it stays quarantined",
                    failure);
            return IntakeOutcome.quarantined(
                    index,
                    record.id(),
                    List.of(
                            FieldProblem.of(
                                    "record",
                                    "stored",
                                    "could not be replayed just now (request "
                                            + caller.requestId()
                                            + "); replay it again")));
        }
    }

    private IntakeOutcome replayOne(
            int index, QuarantinedRecord record, JsonNode patched, Caller caller) {
        if (record.replayed()) {
            return record.outcome().atIndex(index);
        }
        String raw = rawText(patched);
        LeadChannels.Channel channel =
                channels.find(record.channel()).orElseGet(IntakeChannels::canonicalOnly);
        WriteStamp stamp = WriteStamp.of(caller, clock.instant());
        Delivery delivery =
                new Delivery(record.channel(), stamp, caller, record.importId(), record.id());
        Ids ids = delivery.idsFor(0);
        Verdict verdict = evaluate(channel, patched);
        if (!verdict.rejections().isEmpty()) {
            intake.update(record.stillQuarantined(raw, verdict.rejections()), stamp);
            return IntakeOutcome.quarantined(index, record.id(), verdict.rejections());
        }
        IntakeOutcome outcome = settle(index, verdict, raw, delivery, ids);
        intake.update(record.replayedAs(raw, outcome.atIndex(0)), stamp);
        return outcome;
    }

    /** Records of a channel still waiting for a fix, newest first. */
    public Page<QuarantinedRecord> quarantined(
            String channel, Instant from, Instant to, PageRequest page) {
        SortRange received =
                new SortRange(
                        from == null ? null : Keys.listKeyFrom(from),
                        to == null ? null : Keys.listKeyUpTo(to));
        return intake.waiting(channel, received, page);
    }

    /** One import's quarantined rows, in row order. */
    public Page<QuarantinedRecord> importErrors(String importId, PageRequest page) {
        return intake.ofImport(importId, page);
    }

    public QuarantinedRecord quarantinedRecord(String id) {
        return intake.findQuarantined(id)
                .orElseThrow(() -> new NotFoundException("QuarantinedRecord", id));
    }

    /** A human caller learns which record matched only if they may see it (as with DUPLICATE). */
    private IntakeOutcome visible(IntakeOutcome outcome, Caller caller) {
        if (caller == null || outcome.matchedId() == null) {
            return outcome;
        }
        boolean mayRead =
                LEAD.equals(outcome.matchedType())
                        ? leads.find(outcome.matchedId())
                                .filter(
                                        lead ->
                                                policy.mayRead(
                                                        LeadService.TYPE, caller, lead.ownership()))
                                .isPresent()
                        : customers.findVisible(outcome.matchedId(), caller).isPresent();
        return mayRead ? outcome : outcome.withoutMatchedId();
    }

    /** R-07: derived once, from the most stable contact the lead has when it is assigned. */
    private String golden(LeadFields fields, String leadId) {
        return goldenIds.assign(
                new GoldenIds.Basis(
                        fields.phone(),
                        fields.email(),
                        fields.wechatId(),
                        fields.nationalId(),
                        leadId));
    }

    private static LeadFields withoutNewContacts(LeadFields incoming, Holder found) {
        // keep only the contact that matched; the others belong to someone else now
        return LeadFields.builder()
                .name(incoming.name())
                .phone("phone".equals(found.matchedBy()) ? incoming.phone() : null)
                .email("email".equals(found.matchedBy()) ? incoming.email() : null)
                .wechatId("wechatId".equals(found.matchedBy()) ? incoming.wechatId() : null)
                .company(incoming.company())
                .region(incoming.region())
                .budget(incoming.budget())
                .notes(incoming.notes())
                .interactions30d(incoming.interactions30d())
                .nationalId(incoming.nationalId())
                .build();
    }

    private static JsonNode patched(String raw, JsonNode patch) {
        JsonNode base;
        try {
            base = JsonText.MAPPER.readTree(raw);
        } catch (java.io.IOException notJson) {
            base = JsonText.MAPPER.getNodeFactory().textNode(raw);
        }
        if (patch == null || patch.isNull()) {
            return base;
        }
        if (!patch.isObject()) {
            throw new ValidationException(
                    new FieldProblem(
                            "patches", "type", "each patch must be a JSON object", "object"));
        }
        ObjectNode result =
                base.isObject()
                        ? ((ObjectNode) base).deepCopy()
                        : JsonText.MAPPER.createObjectNode();
        patch.properties()
                .forEach(
                        field -> {
                            if (field.getValue().isNull()) {
                                result.remove(field.getKey());
                            } else {
                                result.set(field.getKey(), field.getValue());
                            }
                        });
        return result;
    }

    private static String rawText(JsonNode record) {
        return record == null ? "null" : record.toString();
    }

    /** Every record too large to keep, named at once; nothing is stored when one is. */
    private static void requireRecordBytes(List<JsonNode> records) {
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            int bytes = rawText(records.get(i)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_RECORD_BYTES) {
                problems.add(
                        new FieldProblem(
                                "records[" + i + "]",
                                "maxBytes",
                                "at most " + MAX_RECORD_BYTES + " bytes of JSON, got " + bytes,
                                MAX_RECORD_BYTES));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    private static void requireSize(String field, int size) {
        if (size > MAX_RECORDS) {
            throw new ValidationException(
                    new FieldProblem(
                            field,
                            "maxItems",
                            "at most " + MAX_RECORDS + " records a call, got " + size,
                            MAX_RECORDS));
        }
    }
}
