package org.opencrm.core.persisted;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Automatic persisted queries by hash, in the counters table ({@code APQ#<sha256>}): the text a
 * hash stands for. The hash is of the text, so an entry never changes; writing it twice is
 * harmless.
 */
public final class PersistedQueryStore {

    private static final String KEY = "counterKey";

    private final DynamoDbClient dynamo;
    private final String table;

    public PersistedQueryStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.counters();
    }

    public Optional<String> find(String sha256Hex) {
        Map<String, AttributeValue> item =
                dynamo.getItem(
                                request ->
                                        request.tableName(table)
                                                .key(
                                                        Map.of(
                                                                KEY,
                                                                AttributeValue.fromS(
                                                                        Keys.persistedQuery(
                                                                                sha256Hex)))))
                        .item();
        return item == null || !item.containsKey("query")
                ? Optional.empty()
                : Optional.of(item.get("query").s());
    }

    /** Stores the text; {@code expiresAt} only cleans up queries no client sends any more. */
    public void put(String sha256Hex, String query, Instant now, Instant expiresAt) {
        dynamo.putItem(
                request ->
                        request.tableName(table)
                                .item(
                                        Map.of(
                                                KEY,
                                                AttributeValue.fromS(
                                                        Keys.persistedQuery(sha256Hex)),
                                                "query",
                                                AttributeValue.fromS(query),
                                                "storedAt",
                                                AttributeValue.fromS(now.toString()),
                                                "expiresAt",
                                                AttributeValue.fromN(
                                                        Long.toString(
                                                                expiresAt.getEpochSecond())))));
    }
}
