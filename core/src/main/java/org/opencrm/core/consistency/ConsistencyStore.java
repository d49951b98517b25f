package org.opencrm.core.consistency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.BatchRetry;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Consistency reports in the reports table (derived data, not audited, no stream): one partition
 * per report, {@code CONSISTENCY#<id>}, holding the report's own item ({@code #HEAD}) and one item
 * per row ({@code ROW#<number>}, the row as JSON), so rows page in order with a plain query.
 *
 * <p>The head also keeps the last apply ({@code apply*} attributes): the request, a cursor into the
 * rows, the counts so far and a lease naming the one worker that may continue it. While the apply
 * is pending the head carries {@code applyPendingKey}/{@code applyPendingAt}, the keys of the
 * sparse index {@value #BY_APPLY_PENDING}, so the schedule finds unfinished applies without a scan.
 *
 * <p>A diff is worked in passes and chunks ({@link DiffPhase}); while it runs the head keeps its
 * cursor ({@code diffPhase}, {@code diffAfter}, {@code diffCharset}, {@code diffFound}), the file
 * it reads ({@code source*}, {@code contentType}), a lease ({@code diffLeaseHolder}, {@code
 * diffLeaseUntil}) and {@code diffPendingKey}/{@code diffPendingAt}, the keys of the sparse index
 * {@value #BY_DIFF_PENDING}; all of them go when it ends. Beside its rows the partition then holds
 * the diff's working items, derived and left in place (a few per row, no TTL needed: the report
 * stays as long as they do):
 *
 * <ul>
 *   <li>{@code REACH#<customerId>#<line>} ({@code customerId}, {@code line}, {@code primary}): a
 *       row reached a customer, first ({@code primary}) or as one of its other keys' holders;
 *       walked in order to find customers two rows reached (DUPLICATE);
 *   <li>{@code REACHED#<customerId>}: some row reached the customer, looked up by key to find the
 *       system's customers no row reached (MISSING_THERE);
 *   <li>{@code NAME#<sha256 of the name>#H#<line>} and {@code NAME#<...>#T#<number>} ({@code
 *       customerId}, {@code number}): a MISSING_HERE row and a MISSING_THERE customer under their
 *       names, walked in order to suggest same names to each other.
 * </ul>
 *
 * Every working item is written again the same on a re-run chunk (same keys, same values).
 */
public final class ConsistencyStore {

    /** Reports whose apply is QUEUED or RUNNING (template.yaml, reports table). */
    static final String BY_APPLY_PENDING = "consistencyApplyPending";

    /** Reports whose diff is RUNNING (template.yaml, reports table). */
    static final String BY_DIFF_PENDING = "consistencyDiffPending";

    private static final int BATCH_GET = 100;

    private static final int BATCH_WRITE = 25;
    private static final String PROGRESS =
            "#applyAfterRow = :afterRow, #applyProcessed = :processed,"
                    + " #applyCustomersChanged = :customersChanged,"
                    + " #applyFieldsChanged = :fieldsChanged,"
                    + " #applyFieldsAlreadyEqual = :fieldsAlreadyEqual,"
                    + " #applyFieldsChangedSince = :fieldsChangedSince,"
                    + " #applyFailures = :failures";
    private static final java.util.regex.Pattern ATTRIBUTE_NAME =
            java.util.regex.Pattern.compile("#\\w+");
    // rows carry instants; core's shared mapper has no java.time module, so ISO text both ways
    private static final ObjectMapper ROWS =
            new ObjectMapper()
                    .registerModule(
                            new SimpleModule()
                                    .addSerializer(Instant.class, new ToStringSerializer())
                                    .addDeserializer(
                                            Instant.class,
                                            new FromStringDeserializer<Instant>(Instant.class) {
                                                @Override
                                                protected Instant _deserialize(
                                                        String value,
                                                        DeserializationContext context) {
                                                    return Instant.parse(value);
                                                }
                                            }));

    private final DynamoDbClient dynamo;
    private final String table;

    public ConsistencyStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.reports();
    }

    /**
     * Starts a report whose diff is then worked in passes from {@code file}: RUNNING, at its first
     * pass, listed in the sparse index of running diffs; false when one with this id exists (a
     * redelivered upload event).
     */
    public boolean start(
            String id,
            String system,
            String createdBy,
            Instant at,
            ExportFile file,
            String contentType) {
        Map<String, AttributeValue> item = head(id);
        item.put("system", s(system));
        item.put("status", s(ConsistencyReport.Status.RUNNING.name()));
        item.put("total", n(0));
        item.put("processed", n(0));
        item.put("createdBy", s(createdBy));
        item.put("createdAt", s(at.toString()));
        item.put("contentType", s(contentType));
        item.put("sourceKey", s(file.key()));
        item.put("sourceETag", s(file.eTag()));
        item.put("sourceSize", n(file.size()));
        if (file.sha256() != null) {
            item.put("sourceSha256", s(file.sha256()));
        }
        item.put("diffPhase", s(DiffPhase.CHECK.name()));
        item.put("diffFound", n(0));
        item.put("diffPendingKey", s(Keys.CONSISTENCY_DIFF_PENDING));
        item.put("diffPendingAt", s(Keys.consistencyDiffPendingAt(at, id)));
        try {
            dynamo.putItem(
                    put ->
                            put.tableName(table)
                                    .item(item)
                                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    /**
     * Takes the lease of the report's running diff for {@code holder} until {@code until}, when
     * nobody holds it or its holder's lease ran out by {@code now}; the diff's state, or empty when
     * another worker holds it or it is not running.
     */
    Optional<DiffState> claimDiff(String id, String holder, Instant now, Instant until) {
        return claim(ReportLease.DIFF, id, holder, now, until).map(ConsistencyStore::diffState);
    }

    /**
     * Saves a worker's cursor and progress and renews its lease until {@code until}; false when
     * {@code holder} no longer holds the lease (it ran out and another worker took it): the worker
     * stops.
     */
    boolean saveDiff(String id, String holder, DiffState state, Instant until) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":holder", s(holder));
        values.put(":until", n(until.toEpochMilli()));
        values.put(":phase", s(state.phase().name()));
        values.put(":total", n(state.total()));
        values.put(":processed", n(state.processed()));
        values.put(":found", n(state.found()));
        StringBuilder set =
                new StringBuilder(
                        "SET #diffPhase = :phase, #total = :total, #processed = :processed,"
                                + " #diffFound = :found, "
                                + ReportLease.DIFF.renewal());
        StringBuilder remove = new StringBuilder();
        optional(set, remove, values, "diffAfter", state.after());
        optional(set, remove, values, "diffCharset", state.charset());
        return conditionalUpdate(
                id,
                set + (remove.isEmpty() ? "" : " REMOVE " + remove),
                ReportLease.DIFF.heldBy(),
                values);
    }

    private static void optional(
            StringBuilder set,
            StringBuilder remove,
            Map<String, AttributeValue> values,
            String name,
            String value) {
        if (value == null) {
            remove.append(remove.isEmpty() ? "" : ", ").append('#').append(name);
            return;
        }
        set.append(", #").append(name).append(" = :").append(name);
        values.put(":" + name, s(value));
    }

    /** Gives the diff's lease up early (a worker out of time), so the next need not wait it out. */
    void releaseDiff(String id, String holder) {
        release(ReportLease.DIFF, id, holder);
    }

    /** The diff is over (DONE or FAILED): its cursor, lease and place in the index go. */
    private static final String DIFF_OVER =
            " REMOVE #diffPhase, #diffAfter, #diffCharset, #diffFound, #diffPendingKey,"
                    + " #diffPendingAt, "
                    + ReportLease.DIFF.attributes();

    /** The ids of reports whose diff is running, oldest start first, from the sparse index. */
    public List<String> pendingDiffs() {
        return pending(BY_DIFF_PENDING, "diffPendingKey", Keys.CONSISTENCY_DIFF_PENDING);
    }

    /** Ends the diff DONE with its counts; false when {@code holder} lost the lease. */
    boolean finish(String id, String holder, ConsistencyReport.Counts counts, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":done", s(ConsistencyReport.Status.DONE.name()));
        values.put(":matched", n(counts.matched()));
        values.put(":missingHere", n(counts.missingHere()));
        values.put(":missingThere", n(counts.missingThere()));
        values.put(":mismatched", n(counts.mismatched()));
        values.put(":duplicates", n(counts.duplicates()));
        values.put(":at", s(at.toString()));
        values.put(":holder", s(holder));
        return conditionalUpdate(
                id,
                "SET #status = :done, #matched = :matched, #missingHere = :missingHere,"
                        + " #missingThere = :missingThere, #mismatched = :mismatched,"
                        + " #duplicates = :duplicates, #finishedAt = :at"
                        + DIFF_OVER,
                ReportLease.DIFF.heldBy(),
                values);
    }

    /** Ends the diff FAILED, naming the rule its file broke; false when the lease was lost. */
    boolean fail(String id, String holder, FieldProblem problem, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":failed", s(ConsistencyReport.Status.FAILED.name()));
        values.put(":field", s(problem.field()));
        values.put(":rule", s(problem.rule()));
        values.put(":message", s(problem.message()));
        values.put(":at", s(at.toString()));
        values.put(":holder", s(holder));
        return conditionalUpdate(
                id,
                "SET #status = :failed, #failureField = :field, #failureRule = :rule,"
                        + " #failureMessage = :message, #finishedAt = :at"
                        + DIFF_OVER,
                ReportLease.DIFF.heldBy(),
                values);
    }

    /**
     * Records a new apply, QUEUED, unless one is pending: false then (the caller answers that one).
     * A finished apply's counts are replaced.
     */
    public boolean requestApply(String id, ConsistencyApply request) {
        Map<String, AttributeValue> values = progressValues(request);
        values.put(":rule", s(request.rule().name()));
        values.put(
                ":fields",
                AttributeValue.fromL(request.fields().stream().map(ConsistencyStore::s).toList()));
        values.put(":by", s(request.requestedBy()));
        values.put(":at", s(request.requestedAt().toString()));
        values.put(":queued", s(ApplyStatus.QUEUED.name()));
        values.put(":running", s(ApplyStatus.RUNNING.name()));
        values.put(":pendingKey", s(Keys.CONSISTENCY_APPLY_PENDING));
        values.put(":pendingAt", s(Keys.consistencyApplyPendingAt(request.requestedAt(), id)));
        return conditionalUpdate(
                id,
                "SET #applyRule = :rule, #applyFields = :fields, #applyRequestedBy = :by,"
                        + " #applyRequestedAt = :at, #applyStatus = :queued, "
                        + PROGRESS
                        + ", #applyPendingKey = :pendingKey, #applyPendingAt = :pendingAt"
                        + " REMOVE #applyFinishedAt, "
                        + ReportLease.APPLY.attributes(),
                "attribute_not_exists(#applyStatus) OR NOT #applyStatus IN (:queued, :running)",
                values);
    }

    /**
     * Takes the lease of the report's pending apply for {@code holder} until {@code until}, when
     * nobody holds it or its holder's lease ran out by {@code now}; the report as claimed, or empty
     * when another worker holds it or nothing is pending.
     */
    public Optional<ConsistencyReport> claimApply(
            String id, String holder, Instant now, Instant until) {
        return claim(ReportLease.APPLY, id, holder, now, until).map(item -> report(id, item));
    }

    /**
     * Saves a worker's cursor and counts and renews its lease until {@code until}; a finished apply
     * (DONE or STOPPED) also leaves the pending index and gives the lease up. False when {@code
     * holder} no longer holds the lease (it ran out and another worker took it): the worker stops.
     */
    public boolean saveApply(String id, String holder, ConsistencyApply state, Instant until) {
        Map<String, AttributeValue> values = progressValues(state);
        values.put(":holder", s(holder));
        values.put(":status", s(state.status().name()));
        if (state.pending()) {
            values.put(":until", n(until.toEpochMilli()));
            return conditionalUpdate(
                    id,
                    "SET #applyStatus = :status, " + PROGRESS + ", " + ReportLease.APPLY.renewal(),
                    ReportLease.APPLY.heldBy(),
                    values);
        }
        values.put(":finishedAt", s(state.finishedAt().toString()));
        String applied = state.status() == ApplyStatus.DONE ? ", #appliedAt = :finishedAt" : "";
        return conditionalUpdate(
                id,
                "SET #applyStatus = :status, "
                        + PROGRESS
                        + ", #applyFinishedAt = :finishedAt"
                        + applied
                        + " REMOVE #applyPendingKey, #applyPendingAt, "
                        + ReportLease.APPLY.attributes(),
                ReportLease.APPLY.heldBy(),
                values);
    }

    /** Gives the lease up early (a worker out of time), so the next worker need not wait it out. */
    public void releaseApply(String id, String holder) {
        release(ReportLease.APPLY, id, holder);
    }

    /**
     * Takes {@code lease} for {@code holder} until {@code until}, when its run is on and nobody
     * holds it or its holder's time ran out by {@code now}; the head item as claimed, or empty when
     * another worker holds it or the run is not on.
     */
    private Optional<Map<String, AttributeValue>> claim(
            ReportLease lease, String id, String holder, Instant now, Instant until) {
        Map<String, AttributeValue> values = new HashMap<>(lease.runValues());
        values.put(":holder", s(holder));
        values.put(":until", n(until.toEpochMilli()));
        values.put(":now", n(now.toEpochMilli()));
        try {
            return Optional.of(
                    updateItem(id, lease.claim(), lease.claimable(), values, ReturnValue.ALL_NEW)
                            .attributes());
        } catch (ConditionalCheckFailedException heldOrOff) {
            return Optional.empty();
        }
    }

    /** Gives {@code lease} up, if {@code holder} still holds it. */
    private void release(ReportLease lease, String id, String holder) {
        conditionalUpdate(
                id, "REMOVE " + lease.attributes(), lease.heldBy(), Map.of(":holder", s(holder)));
    }

    /** The ids of reports whose apply is pending, oldest request first, from the sparse index. */
    public List<String> pendingApplies() {
        return pending(BY_APPLY_PENDING, "applyPendingKey", Keys.CONSISTENCY_APPLY_PENDING);
    }

    private List<String> pending(String index, String keyName, String key) {
        List<String> ids = new ArrayList<>();
        Map<String, AttributeValue> after = null;
        do {
            Map<String, AttributeValue> start = after;
            QueryResponse response =
                    dynamo.query(
                            query ->
                                    query.tableName(table)
                                            .indexName(index)
                                            .keyConditionExpression(keyName + " = :pending")
                                            .expressionAttributeValues(Map.of(":pending", s(key)))
                                            .exclusiveStartKey(start));
            response.items().forEach(item -> ids.add(item.get("reportId").s()));
            after = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
        } while (after != null && !after.isEmpty());
        return ids;
    }

    /** A request's or a worker's cursor and counts, as {@link #PROGRESS} writes them. */
    private static Map<String, AttributeValue> progressValues(ConsistencyApply state) {
        ApplyResult progress = state.progress();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":afterRow", n(state.afterRow()));
        values.put(":processed", n(progress.processed()));
        values.put(":customersChanged", n(progress.customersChanged()));
        values.put(":fieldsChanged", n(progress.fieldsChanged()));
        values.put(":fieldsAlreadyEqual", n(progress.fieldsAlreadyEqual()));
        values.put(":fieldsChangedSince", n(progress.fieldsChangedSince()));
        values.put(
                ":failures",
                AttributeValue.fromL(
                        progress.failures().stream().map(ConsistencyStore::s).toList()));
        return values;
    }

    /** Writes the rows (again, on a rerun: the same numbers overwrite). */
    public void writeRows(String id, List<ReportRow> rows) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (ReportRow row : rows) {
            Map<String, AttributeValue> item = item(id, Keys.consistencyRow(row.number()));
            item.put("kind", s(row.kind().name()));
            item.put("row", s(json(row)));
            items.add(item);
        }
        putAll(items);
    }

    /** A row reached a customer, first of its keys ({@code primary}) or through another. */
    record Reach(String customerId, long line, boolean primary) {}

    /**
     * A MISSING_HERE row (here, by line) or MISSING_THERE customer (by number) in its name group
     * ({@link Keys#consistencyNameGroup}).
     */
    record NameMark(String group, boolean here, long number, String customerId) {}

    /**
     * Records each reach ({@code REACH#<customer>#<line>}) and that its customer was reached
     * ({@code REACHED#<customer>}); the same again on a rerun.
     */
    void writeReaches(String id, List<Reach> reaches) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (Reach reach : reaches) {
            Map<String, AttributeValue> item =
                    item(id, Keys.consistencyReach(reach.customerId(), reach.line()));
            item.put("customerId", s(reach.customerId()));
            item.put("line", n(reach.line()));
            item.put("primary", AttributeValue.fromBool(reach.primary()));
            items.add(item);
            items.add(item(id, Keys.consistencyReached(reach.customerId())));
        }
        putAll(items);
    }

    void writeNames(String id, List<NameMark> names) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (NameMark name : names) {
            Map<String, AttributeValue> item =
                    item(id, Keys.consistencyName(name.group(), name.here(), name.number()));
            item.put("nameGroup", s(name.group()));
            item.put("here", AttributeValue.fromBool(name.here()));
            item.put("number", n(name.number()));
            if (name.customerId() != null) {
                item.put("customerId", s(name.customerId()));
            }
            items.add(item);
        }
        putAll(items);
    }

    /** A page of working items: each item's sort key with what it says. */
    record Walk<T>(List<Map.Entry<String, T>> items, boolean more) {}

    /** Reaches under {@code prefix} after the sort key {@code after} (null: from the first). */
    Walk<Reach> reaches(String id, String prefix, String after, int limit) {
        return walk(
                id,
                prefix,
                after,
                limit,
                item ->
                        new Reach(
                                item.get("customerId").s(),
                                Long.parseLong(item.get("line").n()),
                                item.get("primary").bool()));
    }

    /** Name marks under {@code prefix} after the sort key {@code after} (null: the first). */
    Walk<NameMark> names(String id, String prefix, String after, int limit) {
        return walk(
                id,
                prefix,
                after,
                limit,
                item ->
                        new NameMark(
                                item.get("nameGroup").s(),
                                item.get("here").bool(),
                                Long.parseLong(item.get("number").n()),
                                text(item, "customerId")));
    }

    /** Of these customers, the ones some row of the report reached. */
    java.util.Set<String> reached(String id, java.util.Collection<String> customerIds) {
        java.util.Set<String> reached = new java.util.HashSet<>();
        for (Map<String, AttributeValue> item :
                getAll(id, customerIds.stream().map(Keys::consistencyReached).toList())) {
            reached.add(item.get("sk").s().substring("REACHED#".length()));
        }
        return reached;
    }

    /** The rows under these numbers, in no particular order. */
    List<ReportRow> rowsNumbered(String id, java.util.Collection<Long> numbers) {
        return getAll(id, numbers.stream().map(Keys::consistencyRow).toList()).stream()
                .map(item -> row(item.get("row").s()))
                .toList();
    }

    /** Up to {@code limit} rows after row number {@code after}, in report order. */
    Walk<ReportRow> rowsAfter(String id, long after, int limit) {
        return walk(
                id,
                "ROW#",
                after == 0 ? null : Keys.consistencyRow(after),
                limit,
                item -> row(item.get("row").s()));
    }

    private <T> Walk<T> walk(
            String id,
            String prefix,
            String after,
            int limit,
            java.util.function.Function<Map<String, AttributeValue>, T> read) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s(Keys.consistencyReport(id)));
        values.put(":prefix", s(prefix));
        QueryResponse response =
                dynamo.query(
                        query -> {
                            query.tableName(table)
                                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                                    .expressionAttributeValues(values)
                                    .limit(limit)
                                    .consistentRead(true);
                            if (after != null) {
                                query.exclusiveStartKey(
                                        Map.of(
                                                "pk",
                                                s(Keys.consistencyReport(id)),
                                                "sk",
                                                s(after)));
                            }
                        });
        List<Map.Entry<String, T>> items = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            items.add(Map.entry(item.get("sk").s(), read.apply(item)));
        }
        boolean more =
                response.lastEvaluatedKey() != null && !response.lastEvaluatedKey().isEmpty();
        return new Walk<>(items, more);
    }

    /** Puts the items, 25 a request; an item whose key came earlier in the list is put once. */
    private void putAll(List<Map<String, AttributeValue>> items) {
        Map<String, Map<String, AttributeValue>> distinct = new java.util.LinkedHashMap<>();
        items.forEach(item -> distinct.put(item.get("sk").s(), item));
        List<Map<String, AttributeValue>> all = List.copyOf(distinct.values());
        for (int from = 0; from < all.size(); from += BATCH_WRITE) {
            List<WriteRequest> writes = new ArrayList<>();
            for (Map<String, AttributeValue> item :
                    all.subList(from, Math.min(all.size(), from + BATCH_WRITE))) {
                writes.add(
                        WriteRequest.builder()
                                .putRequest(PutRequest.builder().item(item).build())
                                .build());
            }
            BatchRetry.standard()
                    .sendAll(
                            writes,
                            pending ->
                                    dynamo.batchWriteItem(
                                                    batch ->
                                                            batch.requestItems(
                                                                    Map.of(table, pending)))
                                            .unprocessedItems()
                                            .getOrDefault(table, List.of()));
        }
    }

    /** The items under these sort keys of the report that exist, 100 keys a request. */
    private List<Map<String, AttributeValue>> getAll(String id, List<String> sortKeys) {
        List<String> distinct = List.copyOf(new java.util.LinkedHashSet<>(sortKeys));
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += BATCH_GET) {
            List<Map<String, AttributeValue>> keys =
                    distinct.subList(from, Math.min(distinct.size(), from + BATCH_GET)).stream()
                            .map(sk -> Map.of("pk", s(Keys.consistencyReport(id)), "sk", s(sk)))
                            .toList();
            BatchRetry.standard()
                    .sendAll(
                            keys,
                            pending -> {
                                var response =
                                        dynamo.batchGetItem(
                                                batch ->
                                                        batch.requestItems(
                                                                Map.of(
                                                                        table,
                                                                        KeysAndAttributes.builder()
                                                                                .keys(pending)
                                                                                .consistentRead(
                                                                                        true)
                                                                                .build())));
                                found.addAll(response.responses().getOrDefault(table, List.of()));
                                KeysAndAttributes left = response.unprocessedKeys().get(table);
                                return left == null ? List.of() : left.keys();
                            });
        }
        return found;
    }

    private static Map<String, AttributeValue> item(String id, String sortKey) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(Keys.consistencyReport(id)));
        item.put("sk", s(sortKey));
        return item;
    }

    public Optional<ConsistencyReport> find(String id) {
        Map<String, AttributeValue> item =
                dynamo.getItem(
                                get ->
                                        get.tableName(table)
                                                .key(
                                                        Map.of(
                                                                "pk",
                                                                s(Keys.consistencyReport(id)),
                                                                "sk",
                                                                s(Keys.CONSISTENCY_HEAD)))
                                                .consistentRead(true))
                        .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(report(id, item));
    }

    /** The rows in report order; a cursor is a row's sort key. */
    public Page<ReportRow> rows(String id, PageRequest page) {
        Walk<ReportRow> rows =
                walk(
                        id,
                        "ROW#",
                        page.afterSortKey().orElse(null),
                        page.first(),
                        item -> row(item.get("row").s()));
        List<Page.Entry<ReportRow>> entries =
                rows.items().stream()
                        .map(
                                row ->
                                        new Page.Entry<>(
                                                row.getValue(),
                                                org.opencrm.core.paging.Cursor.encode(
                                                        row.getKey())))
                        .toList();
        return new Page<>(entries, rows.more());
    }

    /** An update of the head under {@code condition}; false when the condition does not hold. */
    private boolean conditionalUpdate(
            String id, String expression, String condition, Map<String, AttributeValue> values) {
        try {
            updateItem(id, expression, condition, values, ReturnValue.NONE);
            return true;
        } catch (ConditionalCheckFailedException notNow) {
            return false;
        }
    }

    private UpdateItemResponse updateItem(
            String id,
            String expression,
            String condition,
            Map<String, AttributeValue> values,
            ReturnValue returned) {
        // every attribute aliased: several names (status, total, processed) are reserved words
        Map<String, String> names = new HashMap<>();
        java.util.regex.Matcher name =
                ATTRIBUTE_NAME.matcher(expression + " " + (condition == null ? "" : condition));
        while (name.find()) {
            names.put(name.group(), name.group().substring(1));
        }
        String head = "attribute_exists(pk)";
        return dynamo.updateItem(
                update ->
                        update.tableName(table)
                                .key(
                                        Map.of(
                                                "pk",
                                                s(Keys.consistencyReport(id)),
                                                "sk",
                                                s(Keys.CONSISTENCY_HEAD)))
                                .updateExpression(expression)
                                .conditionExpression(
                                        condition == null
                                                ? head
                                                : head + " AND (" + condition + ")")
                                .expressionAttributeNames(names)
                                .expressionAttributeValues(values)
                                .returnValues(returned));
    }

    private static ConsistencyReport report(String id, Map<String, AttributeValue> item) {
        FieldProblem failure =
                item.containsKey("failureRule")
                        ? new FieldProblem(
                                text(item, "failureField"),
                                text(item, "failureRule"),
                                text(item, "failureMessage"),
                                null)
                        : null;
        return ConsistencyReport.builder()
                .id(id)
                .system(text(item, "system"))
                .status(ConsistencyReport.Status.valueOf(text(item, "status")))
                .total(number(item, "total"))
                .processed(number(item, "processed"))
                .counts(
                        new ConsistencyReport.Counts(
                                number(item, "matched"),
                                number(item, "missingHere"),
                                number(item, "missingThere"),
                                number(item, "mismatched"),
                                number(item, "duplicates")))
                .failure(failure)
                .createdBy(text(item, "createdBy"))
                .createdAt(instant(item, "createdAt"))
                .finishedAt(instant(item, "finishedAt"))
                .appliedAt(instant(item, "appliedAt"))
                .lastApply(lastApply(item))
                .build();
    }

    private static DiffState diffState(Map<String, AttributeValue> item) {
        return DiffStateBuilder.builder()
                .system(text(item, "system"))
                .contentType(text(item, "contentType"))
                .file(
                        new ExportFile(
                                text(item, "sourceKey"),
                                text(item, "sourceETag"),
                                number(item, "sourceSize"),
                                text(item, "sourceSha256")))
                .phase(DiffPhase.valueOf(text(item, "diffPhase")))
                .after(text(item, "diffAfter"))
                .charset(text(item, "diffCharset"))
                .total(number(item, "total"))
                .processed(number(item, "processed"))
                .found(number(item, "diffFound"))
                .build();
    }

    private static ConsistencyApply lastApply(Map<String, AttributeValue> item) {
        if (!item.containsKey("applyStatus")) {
            return null;
        }
        return ConsistencyApplyBuilder.builder()
                .rule(ArbitrationRule.valueOf(text(item, "applyRule")))
                .fields(texts(item, "applyFields"))
                .requestedBy(text(item, "applyRequestedBy"))
                .requestedAt(instant(item, "applyRequestedAt"))
                .afterRow(number(item, "applyAfterRow"))
                .rows(number(item, "total") + number(item, "missingThere"))
                .progress(
                        new ApplyResult(
                                ApplyStatus.valueOf(text(item, "applyStatus")),
                                number(item, "applyProcessed"),
                                (int) number(item, "applyCustomersChanged"),
                                (int) number(item, "applyFieldsChanged"),
                                (int) number(item, "applyFieldsAlreadyEqual"),
                                (int) number(item, "applyFieldsChangedSince"),
                                texts(item, "applyFailures")))
                .finishedAt(instant(item, "applyFinishedAt"))
                .build();
    }

    private static List<String> texts(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }

    private static Map<String, AttributeValue> head(String id) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(Keys.consistencyReport(id)));
        item.put("sk", s(Keys.CONSISTENCY_HEAD));
        item.put("reportId", s(id));
        return item;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? 0 : Long.parseLong(value.n());
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        String text = text(item, name);
        return text == null ? null : Instant.parse(text);
    }

    private static String json(ReportRow row) {
        try {
            return ROWS.writeValueAsString(row);
        } catch (JsonProcessingException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    private static ReportRow row(String json) {
        try {
            return ROWS.readValue(json, ReportRow.class);
        } catch (JsonProcessingException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
