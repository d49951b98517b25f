package org.opencrm.core.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.contract.FactKind;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.store.CancellationReasons;
import org.opencrm.core.store.ConflictRetry;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The reports table (issue 16): revenue aggregates, the applied marker of every fact added to them,
 * and the reports reconciliation writes. Aggregates are only ever changed by an atomic {@code ADD}
 * in the same transaction as the fact's marker, whose condition (not there yet) makes a redelivered
 * fact a no-op: each fact is counted exactly once.
 */
public final class RevenueStore {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String AMOUNT = "amountFen";
    static final String TAX = "taxFen";
    static final String COUNT = "factCount";
    static final String REGION = "region";
    static final String TEAM = "team";
    static final String OWNER = "ownerId";
    static final String FACT_KIND = "factKind";
    static final String DATE = "date";
    static final String BODY = "body";
    private static final int MARKER = 0;
    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    public RevenueStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.reports();
    }

    /**
     * Adds {@code fact} to its month's and its day's aggregate, once: false when its marker shows
     * it was added before.
     */
    public boolean apply(MoneyFact fact, Instant now) {
        TransactWriteItemsRequest request =
                TransactWriteItemsRequest.builder()
                        .transactItems(marker(fact, now), monthly(fact), daily(fact))
                        .build();
        return ConflictRetry.standard().run(attempt -> write(request));
    }

    private boolean write(TransactWriteItemsRequest request) {
        try {
            dynamo.transactWriteItems(request);
            return true;
        } catch (TransactionCanceledException cancelled) {
            if (CancellationReasons.of(cancelled).conditionFailedAt(MARKER)) {
                return false; // counted by an earlier delivery
            }
            throw cancelled; // a conflict is retried by ConflictRetry, anything else fails
        }
    }

    private TransactWriteItem marker(MoneyFact fact, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(Keys.revenueApplied(fact.factId())));
        item.put(SK, s(Keys.ONLY));
        item.put("contractId", s(fact.contractId()));
        item.put("appliedAt", s(now.toString()));
        return TransactWriteItem.builder()
                .put(
                        Put.builder()
                                .tableName(table)
                                .item(item)
                                .conditionExpression("attribute_not_exists(#pk)")
                                .expressionAttributeNames(Map.of("#pk", PK))
                                .build())
                .build();
    }

    private TransactWriteItem monthly(MoneyFact fact) {
        String month = YearMonth.from(fact.date()).toString();
        return add(
                Keys.revenueMonth(fact.caliber().name(), month),
                RevenueGroup.of(fact).sortKey(),
                fact,
                null);
    }

    private TransactWriteItem daily(MoneyFact fact) {
        String month = YearMonth.from(fact.date()).toString();
        return add(
                Keys.revenueDays(fact.caliber().name(), month),
                Keys.revenueDayGroup(fact.date(), RevenueGroup.of(fact).sortKey()),
                fact,
                fact.date());
    }

    /** ADD amount, tax and one to the count; SET what the group is, for readers. */
    private TransactWriteItem add(String pk, String sk, MoneyFact fact, LocalDate date) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        names.put("#amount", AMOUNT);
        names.put("#tax", TAX);
        names.put("#count", COUNT);
        values.put(":amount", n(fact.amountFen()));
        values.put(":tax", n(fact.taxFen()));
        values.put(":one", n(1));
        List<String> sets = new ArrayList<>();
        setIfPresent(sets, names, values, FACT_KIND, fact.kind().name());
        setIfPresent(sets, names, values, REGION, fact.region());
        setIfPresent(sets, names, values, TEAM, fact.team());
        setIfPresent(sets, names, values, OWNER, fact.ownerId());
        setIfPresent(sets, names, values, DATE, date == null ? null : date.toString());
        String expression =
                "ADD #amount :amount, #tax :tax, #count :one SET " + String.join(", ", sets);
        return TransactWriteItem.builder()
                .update(
                        Update.builder()
                                .tableName(table)
                                .key(Map.of(PK, s(pk), SK, s(sk)))
                                .updateExpression(expression)
                                .expressionAttributeNames(names)
                                .expressionAttributeValues(values)
                                .build())
                .build();
    }

    private static void setIfPresent(
            List<String> sets,
            Map<String, String> names,
            Map<String, AttributeValue> values,
            String attribute,
            String value) {
        if (value == null) {
            return;
        }
        names.put("#" + attribute, attribute);
        values.put(":" + attribute, s(value));
        sets.add("#" + attribute + " = :" + attribute);
    }

    /** Every aggregate of a caliber's month, by group: one key query, O(groups). */
    public Map<RevenueGroup, Totals> month(Caliber caliber, YearMonth month) {
        Map<RevenueGroup, Totals> groups = new HashMap<>();
        query(Keys.revenueMonth(caliber.name(), month.toString()), null, null)
                .forEach(item -> groups.merge(groupOf(item), totalsOf(item), Totals::plus));
        return groups;
    }

    /** The daily aggregates of a caliber from {@code first} to {@code last}, both in one month. */
    public Map<DayGroup, Totals> days(Caliber caliber, LocalDate first, LocalDate last) {
        Map<DayGroup, Totals> groups = new HashMap<>();
        query(
                        Keys.revenueDays(caliber.name(), YearMonth.from(first).toString()),
                        Keys.revenueDayFrom(first),
                        Keys.revenueDayUpTo(last))
                .forEach(
                        item ->
                                groups.merge(
                                        new DayGroup(
                                                LocalDate.parse(item.get(DATE).s()), groupOf(item)),
                                        totalsOf(item),
                                        Totals::plus));
        return groups;
    }

    /** Which of {@code factIds} were added to the aggregates (their markers exist). */
    public List<String> applied(List<String> factIds) {
        List<String> applied = new ArrayList<>();
        for (int from = 0; from < factIds.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> keys =
                    factIds.subList(from, Math.min(factIds.size(), from + BATCH_GET_LIMIT)).stream()
                            .map(id -> Map.of(PK, s(Keys.revenueApplied(id)), SK, s(Keys.ONLY)))
                            .toList();
            Map<String, KeysAndAttributes> pending =
                    Map.of(table, KeysAndAttributes.builder().keys(keys).build());
            while (!pending.isEmpty()) {
                Map<String, KeysAndAttributes> asked = pending;
                var response = dynamo.batchGetItem(b -> b.requestItems(asked));
                response.responses()
                        .getOrDefault(table, List.of())
                        .forEach(
                                item ->
                                        applied.add(
                                                item.get(PK)
                                                        .s()
                                                        .substring(
                                                                Keys.revenueApplied("").length())));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return applied;
    }

    /** Writes (or rewrites) a report's JSON under its partition and sort key. */
    public void putReport(String partition, String sortKey, String json) {
        dynamo.putItem(
                b ->
                        b.tableName(table)
                                .item(Map.of(PK, s(partition), SK, s(sortKey), BODY, s(json))));
    }

    /** Writes a report unless one is there already: false when it was. */
    public boolean putReportOnce(String partition, String sortKey, String json) {
        try {
            dynamo.putItem(
                    b ->
                            b.tableName(table)
                                    .item(Map.of(PK, s(partition), SK, s(sortKey), BODY, s(json)))
                                    .conditionExpression("attribute_not_exists(#pk)")
                                    .expressionAttributeNames(Map.of("#pk", PK)));
            return true;
        } catch (ConditionalCheckFailedException alreadyWritten) {
            return false;
        }
    }

    public Optional<String> report(String partition, String sortKey) {
        var item =
                dynamo.getItem(
                                b ->
                                        b.tableName(table)
                                                .key(Map.of(PK, s(partition), SK, s(sortKey)))
                                                .consistentRead(true))
                        .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get(BODY).s());
    }

    /** The newest {@code limit} reports of a partition, newest first. */
    public List<String> latestReports(String partition, int limit) {
        QueryRequest request =
                QueryRequest.builder()
                        .tableName(table)
                        .keyConditionExpression("#pk = :pk")
                        .expressionAttributeNames(Map.of("#pk", PK))
                        .expressionAttributeValues(Map.of(":pk", s(partition)))
                        .scanIndexForward(false)
                        .limit(limit)
                        .build();
        return dynamo.query(request).items().stream().map(item -> item.get(BODY).s()).toList();
    }

    private List<Map<String, AttributeValue>> query(
            String partition, String lowest, String highest) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", PK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", s(partition)));
        String condition = "#pk = :pk";
        if (lowest != null) {
            names.put("#sk", SK);
            values.put(":lowest", s(lowest));
            values.put(":highest", s(highest));
            condition += " AND #sk BETWEEN :lowest AND :highest";
        }
        QueryRequest request =
                QueryRequest.builder()
                        .tableName(table)
                        .keyConditionExpression(condition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .build();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(request).items().forEach(items::add);
        return items;
    }

    private static RevenueGroup groupOf(Map<String, AttributeValue> item) {
        return new RevenueGroup(
                text(item, REGION),
                text(item, TEAM),
                text(item, OWNER),
                FactKind.valueOf(item.get(FACT_KIND).s()));
    }

    private static Totals totalsOf(Map<String, AttributeValue> item) {
        return new Totals(number(item, AMOUNT), number(item, TAX), number(item, COUNT));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
