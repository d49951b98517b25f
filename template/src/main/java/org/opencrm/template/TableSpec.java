package org.opencrm.template;

import static org.opencrm.template.SamTemplate.asList;
import static org.opencrm.template.SamTemplate.asMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;

/**
 * One {@code AWS::DynamoDB::Table} of template.yaml as the request that creates it.
 *
 * @param logicalId the resource's logical id in the template
 * @param tableName the physical name ({@code TableName}, resolved)
 * @param create keys, GSIs and stream exactly as declared; billing is on-demand
 * @param ttlAttribute the TTL attribute when {@code TimeToLiveSpecification} is enabled
 */
public record TableSpec(
        String logicalId,
        String tableName,
        CreateTableRequest create,
        Optional<String> ttlAttribute) {

    public static final String TABLE_TYPE = "AWS::DynamoDB::Table";

    public static List<TableSpec> allIn(SamTemplate template) {
        List<TableSpec> tables = new ArrayList<>();
        template.resourcesOfType(TABLE_TYPE)
                .forEach(
                        (logicalId, resource) ->
                                tables.add(
                                        of(
                                                template,
                                                logicalId,
                                                asMap(resource.get("Properties")))));
        return tables;
    }

    public boolean hasStream() {
        return create.streamSpecification() != null
                && Boolean.TRUE.equals(create.streamSpecification().streamEnabled());
    }

    private static TableSpec of(
            SamTemplate template, String logicalId, Map<String, Object> properties) {
        String tableName = template.reference(logicalId);
        CreateTableRequest.Builder create =
                CreateTableRequest.builder()
                        .tableName(tableName)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(
                                asList(properties.get("AttributeDefinitions")).stream()
                                        .map(SamTemplate::asMap)
                                        .map(
                                                d ->
                                                        AttributeDefinition.builder()
                                                                .attributeName(
                                                                        (String)
                                                                                d.get(
                                                                                        "AttributeName"))
                                                                .attributeType(
                                                                        (String)
                                                                                d.get(
                                                                                        "AttributeType"))
                                                                .build())
                                        .toList())
                        .keySchema(keySchema(properties.get("KeySchema")));
        List<GlobalSecondaryIndex> indexes =
                asList(properties.get("GlobalSecondaryIndexes")).stream()
                        .map(SamTemplate::asMap)
                        .map(TableSpec::index)
                        .toList();
        if (!indexes.isEmpty()) {
            create.globalSecondaryIndexes(indexes);
        }
        Object viewType = asMap(properties.get("StreamSpecification")).get("StreamViewType");
        if (viewType != null) {
            create.streamSpecification(
                    StreamSpecification.builder()
                            .streamEnabled(true)
                            .streamViewType((String) viewType)
                            .build());
        }
        Map<String, Object> ttl = asMap(properties.get("TimeToLiveSpecification"));
        Optional<String> ttlAttribute =
                Boolean.TRUE.equals(ttl.get("Enabled"))
                        ? Optional.of((String) ttl.get("AttributeName"))
                        : Optional.empty();
        return new TableSpec(logicalId, tableName, create.build(), ttlAttribute);
    }

    private static GlobalSecondaryIndex index(Map<String, Object> index) {
        Map<String, Object> projection = asMap(index.get("Projection"));
        Projection.Builder projectionBuilder =
                Projection.builder()
                        .projectionType((String) projection.getOrDefault("ProjectionType", "ALL"));
        List<Object> nonKey = asList(projection.get("NonKeyAttributes"));
        if (!nonKey.isEmpty()) {
            projectionBuilder.nonKeyAttributes(nonKey.stream().map(String::valueOf).toList());
        }
        return GlobalSecondaryIndex.builder()
                .indexName((String) index.get("IndexName"))
                .keySchema(keySchema(index.get("KeySchema")))
                .projection(projectionBuilder.build())
                .build();
    }

    private static List<KeySchemaElement> keySchema(Object keys) {
        return asList(keys).stream()
                .map(SamTemplate::asMap)
                .map(
                        k ->
                                KeySchemaElement.builder()
                                        .attributeName((String) k.get("AttributeName"))
                                        .keyType((String) k.get("KeyType"))
                                        .build())
                .toList();
    }
}
