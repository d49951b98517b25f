package org.opencrm.core.files;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Pending uploads, one small item each in the counters table (a key-value table with TTL, where
 * other per-id pointers live), so the object's arrival can be confirmed against what was declared.
 * The table's TTL removes an item a day after its URL expired: by then no upload can arrive.
 */
public final class UploadStore {

    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);
    static final String REFUSED = "REFUSED";

    private final DynamoDbClient dynamo;
    private final String table;

    public UploadStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.counters();
    }

    /** Stores a new upload; its id is fresh, so it is written only if absent. */
    public void create(PendingUpload upload) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("counterKey", AttributeValue.fromS(Keys.upload(upload.id())));
        item.put("uploadId", AttributeValue.fromS(upload.id()));
        item.put("purpose", AttributeValue.fromS(upload.request().purpose().name()));
        item.put("objectKey", AttributeValue.fromS(upload.objectKey()));
        item.put("fileName", AttributeValue.fromS(upload.request().fileName()));
        item.put("contentType", AttributeValue.fromS(upload.request().contentType()));
        item.put("size", AttributeValue.fromN(Long.toString(upload.request().size())));
        putIfPresent(item, "sha256", upload.request().sha256());
        putIfPresent(item, "channel", upload.request().channel());
        putIfPresent(item, "entityId", upload.request().entityId());
        putIfPresent(item, "entityType", upload.entityType());
        putIfPresent(item, "kind", upload.request().kind());
        putIfPresent(item, "system", upload.request().system());
        item.put("uploadedBy", AttributeValue.fromS(upload.uploadedBy()));
        item.put("createdAt", AttributeValue.fromS(upload.createdAt().toString()));
        item.put("status", AttributeValue.fromS(upload.status()));
        item.put("urlExpiresAt", AttributeValue.fromS(upload.urlExpiresAt().toString()));
        // the table's TTL attribute, in epoch seconds
        Instant gone = upload.urlExpiresAt().plus(KEPT_AFTER_EXPIRY);
        item.put("expiresAt", AttributeValue.fromN(Long.toString(gone.getEpochSecond())));
        dynamo.putItem(
                request ->
                        request.tableName(table)
                                .item(item)
                                .conditionExpression("attribute_not_exists(counterKey)"));
    }

    /** The upload as declared, while its item is kept (a day past its URL's expiry). */
    public Optional<PendingUpload> find(String uploadId) {
        Map<String, AttributeValue> item = read(uploadId);
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        UploadRequest declared =
                UploadRequest.builder()
                        .purpose(UploadPurpose.valueOf(item.get("purpose").s()))
                        .fileName(item.get("fileName").s())
                        .contentType(item.get("contentType").s())
                        .size(Long.parseLong(item.get("size").n()))
                        .sha256(textOf(item, "sha256"))
                        .channel(textOf(item, "channel"))
                        .entityId(textOf(item, "entityId"))
                        .kind(textOf(item, "kind"))
                        .system(textOf(item, "system"))
                        .build();
        return Optional.of(
                new PendingUpload(
                        item.get("uploadId").s(),
                        declared,
                        item.get("objectKey").s(),
                        textOf(item, "entityType"),
                        item.get("uploadedBy").s(),
                        Instant.parse(item.get("createdAt").s()),
                        Instant.parse(item.get("urlExpiresAt").s()),
                        item.get("status").s()));
    }

    /** Why the upload was refused, if it was ({@link #refuse}). */
    public Optional<FieldProblem> refusal(String uploadId) {
        Map<String, AttributeValue> item = read(uploadId);
        if (item == null || !REFUSED.equals(textOf(item, "status"))) {
            return Optional.empty();
        }
        return Optional.of(
                FieldProblem.of(
                        textOf(item, "failureField"),
                        textOf(item, "failureRule"),
                        textOf(item, "failureMessage")));
    }

    /**
     * Marks the upload refused with the problem, once: a refusal is final, and a redelivered event
     * finds it refused already.
     */
    public void refuse(String uploadId, FieldProblem problem) {
        try {
            dynamo.updateItem(
                    request ->
                            request.tableName(table)
                                    .key(
                                            Map.of(
                                                    "counterKey",
                                                    AttributeValue.fromS(Keys.upload(uploadId))))
                                    .updateExpression(
                                            "SET #status = :refused, failureField = :field,"
                                                    + " failureRule = :rule, failureMessage = :message")
                                    .conditionExpression("#status = :pending")
                                    .expressionAttributeNames(Map.of("#status", "status"))
                                    .expressionAttributeValues(
                                            Map.of(
                                                    ":refused", AttributeValue.fromS(REFUSED),
                                                    ":pending",
                                                            AttributeValue.fromS(
                                                                    PendingUpload.PENDING),
                                                    ":field", AttributeValue.fromS(problem.field()),
                                                    ":rule", AttributeValue.fromS(problem.rule()),
                                                    ":message",
                                                            AttributeValue.fromS(
                                                                    problem.message()))));
        } catch (ConditionalCheckFailedException alreadyDecided) {
            // refused or handled by an earlier delivery of the same event
        }
    }

    /** The upload's item as stored; null or empty when there is none. */
    private Map<String, AttributeValue> read(String uploadId) {
        return dynamo.getItem(
                        request ->
                                request.tableName(table)
                                        .key(
                                                Map.of(
                                                        "counterKey",
                                                        AttributeValue.fromS(
                                                                Keys.upload(uploadId))))
                                        .consistentRead(true))
                .item();
    }

    private static String textOf(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }
}
