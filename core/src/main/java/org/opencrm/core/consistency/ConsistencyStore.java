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
 */
public final class ConsistencyStore {

    /** Reports whose apply is QUEUED or RUNNING (template.yaml, reports table). */
    static final String BY_APPLY_PENDING = "consistencyApplyPending";

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

    /** Starts a report; false when one with this id exists (a redelivered upload event). */
    public boolean start(String id, String system, String createdBy, Instant at) {
        Map<String, AttributeValue> item = head(id);
        item.put("system", s(system));
        item.put("status", s(ConsistencyReport.Status.RUNNING.name()));
        item.put("total", n(0));
        item.put("processed", n(0));
        item.put("createdBy", s(createdBy));
        item.put("createdAt", s(at.toString()));
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

    public void progress(String id, long processed, long total) {
        update(
                id,
                "SET #processed = :processed, #total = :total",
                Map.of(":processed", n(processed), ":total", n(total)));
    }

    public void finish(String id, ConsistencyReport.Counts counts, Instant at) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":done", s(ConsistencyReport.Status.DONE.name()));
        values.put(":matched", n(counts.matched()));
        values.put(":missingHere", n(counts.missingHere()));
        values.put(":missingThere", n(counts.missingThere()));
        values.put(":mismatched", n(counts.mismatched()));
        values.put(":duplicates", n(counts.duplicates()));
        values.put(":at", s(at.toString()));
        update(
                id,
                "SET #status = :done, #matched = :matched, #missingHere = :missingHere,"
                        + " #missingThere = :missingThere, #mismatched = :mismatched,"
                        + " #duplicates = :duplicates, #finishedAt = :at",
                values);
    }

    public void fail(String id, FieldProblem problem, Instant at) {
        update(
                id,
                "SET #status = :failed, #failureField = :field, #failureRule = :rule,"
                        + " #failureMessage = :message, #finishedAt = :at",
                Map.of(
                        ":failed", s(ConsistencyReport.Status.FAILED.name()),
                        ":field", s(problem.field()),
                        ":rule", s(problem.rule()),
                        ":message", s(problem.message()),
                        ":at", s(at.toString())));
    }

    public void applied(String id, Instant at) {
        update(id, "SET #appliedAt = :at", Map.of(":at", s(at.toString())));
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
                        + " REMOVE #applyFinishedAt, #applyLeaseHolder, #applyLeaseUntil",
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
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":queued", s(ApplyStatus.QUEUED.name()));
        values.put(":running", s(ApplyStatus.RUNNING.name()));
        values.put(":holder", s(holder));
        values.put(":until", n(until.toEpochMilli()));
        values.put(":now", n(now.toEpochMilli()));
        try {
            Map<String, AttributeValue> claimed =
                    updateItem(
                                    id,
                                    "SET #applyStatus = :running, #applyLeaseHolder = :holder,"
                                            + " #applyLeaseUntil = :until",
                                    "#applyStatus IN (:queued, :running) AND"
                                            + " (attribute_not_exists(#applyLeaseUntil)"
                                            + " OR #applyLeaseUntil < :now)",
                                    values,
                                    ReturnValue.ALL_NEW)
                            .attributes();
            return Optional.of(report(id, claimed));
        } catch (ConditionalCheckFailedException heldOrDone) {
            return Optional.empty();
        }
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
                    "SET #applyStatus = :status, " + PROGRESS + ", #applyLeaseUntil = :until",
                    "#applyLeaseHolder = :holder",
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
                        + " REMOVE #applyPendingKey, #applyPendingAt, #applyLeaseHolder,"
                        + " #applyLeaseUntil",
                "#applyLeaseHolder = :holder",
                values);
    }

    /** Gives the lease up early (a worker out of time), so the next worker need not wait it out. */
    public void releaseApply(String id, String holder) {
        conditionalUpdate(
                id,
                "REMOVE #applyLeaseHolder, #applyLeaseUntil",
                "#applyLeaseHolder = :holder",
                Map.of(":holder", s(holder)));
    }

    /** The ids of reports whose apply is pending, oldest request first, from the sparse index. */
    public List<String> pendingApplies() {
        List<String> ids = new ArrayList<>();
        Map<String, AttributeValue> after = null;
        do {
            Map<String, AttributeValue> start = after;
            QueryResponse response =
                    dynamo.query(
                            query ->
                                    query.tableName(table)
                                            .indexName(BY_APPLY_PENDING)
                                            .keyConditionExpression("applyPendingKey = :pending")
                                            .expressionAttributeValues(
                                                    Map.of(
                                                            ":pending",
                                                            s(Keys.CONSISTENCY_APPLY_PENDING)))
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
        for (int from = 0; from < rows.size(); from += BATCH_WRITE) {
            List<WriteRequest> writes = new ArrayList<>();
            for (ReportRow row : rows.subList(from, Math.min(rows.size(), from + BATCH_WRITE))) {
                Map<String, AttributeValue> item = new HashMap<>();
                item.put("pk", s(Keys.consistencyReport(id)));
                item.put("sk", s(Keys.consistencyRow(row.number())));
                item.put("kind", s(row.kind().name()));
                item.put("row", s(json(row)));
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
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s(Keys.consistencyReport(id)));
        values.put(":rows", s("ROW#"));
        QueryResponse response =
                dynamo.query(
                        query -> {
                            query.tableName(table)
                                    .keyConditionExpression("pk = :pk AND begins_with(sk, :rows)")
                                    .expressionAttributeValues(values)
                                    .limit(page.first())
                                    .consistentRead(true);
                            page.afterSortKey()
                                    .ifPresent(
                                            after ->
                                                    query.exclusiveStartKey(
                                                            Map.of(
                                                                    "pk",
                                                                    s(Keys.consistencyReport(id)),
                                                                    "sk",
                                                                    s(after))));
                        });
        List<Page.Entry<ReportRow>> entries = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            entries.add(
                    new Page.Entry<>(
                            row(item.get("row").s()),
                            org.opencrm.core.paging.Cursor.encode(item.get("sk").s())));
        }
        boolean more =
                response.lastEvaluatedKey() != null && !response.lastEvaluatedKey().isEmpty();
        return new Page<>(entries, more);
    }

    private void update(String id, String expression, Map<String, AttributeValue> values) {
        updateItem(id, expression, null, values, ReturnValue.NONE);
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
