package org.opencrm.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/**
 * Makes a DynamoDB endpoint hold the template's tables: creates missing ones and adds GSIs a newer
 * template declares to tables that already exist (file-backed local data).
 */
public final class TableProvisioner {

    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED
    }

    public record Provisioned(TableSpec table, Outcome outcome) {}

    private final DynamoDbClient dynamo;

    public TableProvisioner(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    public List<Provisioned> ensure(List<TableSpec> tables) {
        List<Provisioned> results = new ArrayList<>();
        for (TableSpec table : tables) {
            results.add(new Provisioned(table, ensure(table)));
        }
        return results;
    }

    private Outcome ensure(TableSpec table) {
        DescribeTableResponse existing;
        try {
            existing = dynamo.describeTable(b -> b.tableName(table.tableName()));
        } catch (ResourceNotFoundException notThere) {
            dynamo.createTable(table.create());
            enableTtl(table);
            return Outcome.CREATED;
        }
        return addMissingIndexes(table, existing) ? Outcome.UPDATED : Outcome.UNCHANGED;
    }

    private boolean addMissingIndexes(TableSpec table, DescribeTableResponse existing) {
        Set<String> present =
                existing.table().globalSecondaryIndexes().stream()
                        .map(GlobalSecondaryIndexDescription::indexName)
                        .collect(Collectors.toSet());
        List<GlobalSecondaryIndex> missing =
                table.create().globalSecondaryIndexes().stream()
                        .filter(index -> !present.contains(index.indexName()))
                        .toList();
        for (GlobalSecondaryIndex index : missing) {
            // DynamoDB accepts one GSI creation per UpdateTable call.
            dynamo.updateTable(
                    UpdateTableRequest.builder()
                            .tableName(table.tableName())
                            .attributeDefinitions(table.create().attributeDefinitions())
                            .globalSecondaryIndexUpdates(
                                    GlobalSecondaryIndexUpdate.builder()
                                            .create(
                                                    CreateGlobalSecondaryIndexAction.builder()
                                                            .indexName(index.indexName())
                                                            .keySchema(index.keySchema())
                                                            .projection(index.projection())
                                                            .build())
                                            .build())
                            .build());
        }
        return !missing.isEmpty();
    }

    private void enableTtl(TableSpec table) {
        table.ttlAttribute()
                .ifPresent(
                        attribute ->
                                dynamo.updateTimeToLive(
                                        b ->
                                                b.tableName(table.tableName())
                                                        .timeToLiveSpecification(
                                                                TimeToLiveSpecification.builder()
                                                                        .attributeName(attribute)
                                                                        .enabled(true)
                                                                        .build())));
    }
}
