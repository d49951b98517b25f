package org.opencrm.core.files;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Attachment metadata in the files table, one item per attachment, keyed by its upload id. The
 * table is audited: each item carries the audit stamp (actor, time) and is filed in its record's
 * trail ({@code auditEntityId}), so the record's history shows the attachment.
 */
public final class AttachmentStore {

    static final String BY_ENTITY = "byEntity";

    private final DynamoDbClient dynamo;
    private final String table;

    public AttachmentStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.files();
    }

    /**
     * Writes the attachment unless one with its id exists.
     *
     * @return false when it existed (a redelivered event): nothing was written
     */
    public boolean createIfAbsent(Attachment attachment) {
        try {
            dynamo.putItem(
                    request ->
                            request.tableName(table)
                                    .item(item(attachment))
                                    .conditionExpression(ItemTables.ID_IS_NEW));
            return true;
        } catch (ConditionalCheckFailedException alreadyWritten) {
            return false;
        }
    }

    public boolean exists(String id) {
        Map<String, AttributeValue> item =
                dynamo.getItem(
                                request ->
                                        request.tableName(table)
                                                .key(Map.of("id", AttributeValue.fromS(id)))
                                                .projectionExpression("id")
                                                .consistentRead(true))
                        .item();
        return item != null && !item.isEmpty();
    }

    /**
     * The kinds of the attachments filed under any of the records (a deal's evidence: its own and
     * its customer's), each record read by its index, at most {@link AttachmentService#MAX_LISTED}
     * apiece.
     */
    public Set<String> kindsOf(List<String> entityIds) {
        Set<String> kinds = new TreeSet<>();
        for (String entityId : entityIds) {
            ofEntity(entityId, AttachmentService.MAX_LISTED)
                    .forEach(file -> kinds.add(file.kind()));
        }
        return kinds;
    }

    /** A record's attachments, newest first, at most {@code limit}. */
    public List<Attachment> ofEntity(String entityId, int limit) {
        return dynamo
                .query(
                        request ->
                                request.tableName(table)
                                        .indexName(BY_ENTITY)
                                        .keyConditionExpression("entityKey = :entity")
                                        .expressionAttributeValues(
                                                Map.of(
                                                        ":entity",
                                                        AttributeValue.fromS(
                                                                Keys.attachmentsOf(entityId))))
                                        .scanIndexForward(false)
                                        .limit(limit))
                .items()
                .stream()
                .map(AttachmentStore::attachment)
                .toList();
    }

    private static Map<String, AttributeValue> item(Attachment attachment) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", AttributeValue.fromS(attachment.id()));
        item.put("entityId", AttributeValue.fromS(attachment.entityId()));
        item.put("recordType", AttributeValue.fromS(attachment.entityType()));
        item.put("kind", AttributeValue.fromS(attachment.kind()));
        item.put("fileName", AttributeValue.fromS(attachment.fileName()));
        item.put("contentType", AttributeValue.fromS(attachment.contentType()));
        item.put("size", AttributeValue.fromN(Long.toString(attachment.size())));
        item.put("sha256", AttributeValue.fromS(attachment.sha256()));
        item.put("uploadedBy", AttributeValue.fromS(attachment.uploadedBy()));
        item.put("uploadedAt", AttributeValue.fromS(attachment.uploadedAt().toString()));
        // not "objectKey": attributes ending in Key serve indexes and stay out of audit diffs
        item.put("storedObject", AttributeValue.fromS(attachment.objectKey()));
        item.put("version", AttributeValue.fromN(Long.toString(attachment.version())));
        // index keys
        item.put("entityKey", AttributeValue.fromS(Keys.attachmentsOf(attachment.entityId())));
        item.put(
                "listKey",
                AttributeValue.fromS(Keys.listKey(attachment.uploadedAt(), attachment.id())));
        // the audit stamp: an attachment change is one of its record's changes, by its uploader
        item.put("entityType", AttributeValue.fromS(Attachment.TYPE));
        item.put("auditEntityId", AttributeValue.fromS(attachment.entityId()));
        item.put("updatedBy", AttributeValue.fromS(attachment.uploadedBy()));
        item.put("updatedAt", AttributeValue.fromS(attachment.uploadedAt().toString()));
        return item;
    }

    private static Attachment attachment(Map<String, AttributeValue> item) {
        return Attachment.builder()
                .id(item.get("id").s())
                .entityId(item.get("entityId").s())
                .entityType(item.get("recordType").s())
                .kind(item.get("kind").s())
                .fileName(item.get("fileName").s())
                .contentType(item.get("contentType").s())
                .size(Long.parseLong(item.get("size").n()))
                .sha256(item.get("sha256").s())
                .uploadedBy(item.get("uploadedBy").s())
                .uploadedAt(Instant.parse(item.get("uploadedAt").s()))
                .objectKey(item.get("storedObject").s())
                .version(Long.parseLong(item.get("version").n()))
                .build();
    }
}
