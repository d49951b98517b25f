package org.opencrm.core.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.contract.MoneyFactItem;
import org.opencrm.core.testing.LocalDynamo;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes money facts into the contracts table as the contracts code does: real {@link
 * MoneyFactItem}s; one by one with the write-once condition, or in batches for volume.
 */
final class FactWriter {

    private static final TableSchema<MoneyFactItem> SCHEMA =
            TableSchema.fromBean(MoneyFactItem.class);
    private static final int BATCH = 25;

    private final LocalDynamo dynamo;
    private final DynamoDbTable<MoneyFactItem> table;

    FactWriter(LocalDynamo dynamo) {
        this.dynamo = dynamo;
        this.table = dynamo.enhanced().table(dynamo.tables().contracts(), SCHEMA);
    }

    /** Once: the condition refuses a second write of the same fact. */
    void writeOnce(MoneyFact fact) {
        table.putItem(
                PutItemEnhancedRequest.builder(MoneyFactItem.class)
                        .item(MoneyFactItem.from(fact))
                        .conditionExpression(
                                Expression.builder().expression("attribute_not_exists(id)").build())
                        .build());
    }

    /** New facts in batches of 25, unprocessed ones sent again. */
    void writeAll(List<MoneyFact> facts) {
        String name = dynamo.tables().contracts();
        for (int from = 0; from < facts.size(); from += BATCH) {
            List<WriteRequest> writes =
                    facts.subList(from, Math.min(facts.size(), from + BATCH)).stream()
                            .map(
                                    fact ->
                                            WriteRequest.builder()
                                                    .putRequest(
                                                            PutRequest.builder()
                                                                    .item(
                                                                            SCHEMA.itemToMap(
                                                                                    MoneyFactItem
                                                                                            .from(
                                                                                                    fact),
                                                                                    true))
                                                                    .build())
                                                    .build())
                            .toList();
            Map<String, List<WriteRequest>> pending = new HashMap<>(Map.of(name, writes));
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> asked = pending;
                var response = dynamo.client().batchWriteItem(b -> b.requestItems(asked));
                pending =
                        response.hasUnprocessedItems()
                                ? new HashMap<>(response.unprocessedItems())
                                : Map.of();
            }
        }
    }
}
