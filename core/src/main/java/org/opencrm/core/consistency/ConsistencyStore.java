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
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Consistency reports in the reports table (derived data, not audited, no stream): one partition
 * per report, {@code CONSISTENCY#<id>}, holding the report's own item ({@code #HEAD}) and one item
 * per row ({@code ROW#<number>}, the row as JSON), so rows page in order with a plain query.
 */
public final class ConsistencyStore {

    private static final int BATCH_WRITE = 25;
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
        // every attribute aliased: several names (status, total, processed) are reserved words
        Map<String, String> names = new HashMap<>();
        java.util.regex.Matcher name = ATTRIBUTE_NAME.matcher(expression);
        while (name.find()) {
            names.put(name.group(), name.group().substring(1));
        }
        dynamo.updateItem(
                update ->
                        update.tableName(table)
                                .key(
                                        Map.of(
                                                "pk",
                                                s(Keys.consistencyReport(id)),
                                                "sk",
                                                s(Keys.CONSISTENCY_HEAD)))
                                .updateExpression(expression)
                                .conditionExpression("attribute_exists(pk)")
                                .expressionAttributeNames(names)
                                .expressionAttributeValues(values));
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
                .build();
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
