package org.opencrm.core.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.opencrm.core.store.StampedItem;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Turns one stream record into its audit entry. Pure: no I/O. The actor, request and address come
 * from the stamp the write put on the item; a TTL removal is the system's.
 */
public final class AuditRules {

    static final String TTL_ACTOR = "system:ttl";
    private static final String DYNAMODB_SERVICE = "dynamodb.amazonaws.com";
    private static final String ARCHIVED = "archived";

    private AuditRules() {}

    /**
     * Domain records carry an entity type; working items that are not (an import's chunk of raw CSV
     * rows) are left out of the trail.
     */
    public static boolean isAudited(Record record) {
        StreamRecord change = record.dynamodb();
        Map<String, AttributeValue> latest =
                change.hasNewImage()
                        ? change.newImage()
                        : change.hasOldImage() ? change.oldImage() : Map.of();
        return latest.containsKey("entityType");
    }

    public static AuditEntry entryFor(Record record, Instant receivedAt) {
        StreamRecord change = record.dynamodb();
        Map<String, AttributeValue> before = change.hasOldImage() ? change.oldImage() : Map.of();
        Map<String, AttributeValue> after = change.hasNewImage() ? change.newImage() : Map.of();
        Map<String, AttributeValue> latest = after.isEmpty() ? before : after;
        boolean expired = isTtlRemoval(record);
        return AuditEntry.builder()
                .eventId(record.eventID())
                .entityType(text(latest.get("entityType")))
                .entityId(entityId(latest, change.keys()))
                .operation(operation(record.eventName(), before, after, expired))
                .actorId(expired ? TTL_ACTOR : text(latest.get("updatedBy")))
                .sourceIp(expired ? null : text(after.get("sourceIp")))
                .requestId(expired ? null : text(after.get("requestId")))
                .at(when(after, change, receivedAt))
                .changes(diff(before, after))
                .build();
    }

    /** Changed domain fields, in name order; bookkeeping attributes are left out. */
    public static List<FieldChange> diff(
            Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        TreeSet<String> fields = new TreeSet<>(before.keySet());
        fields.addAll(after.keySet());
        List<FieldChange> changes = new ArrayList<>();
        for (String field : fields) {
            AttributeValue old = before.get(field);
            AttributeValue now = after.get(field);
            if (StampedItem.isBookkeeping(field) || Objects.equals(old, now)) {
                continue;
            }
            changes.add(new FieldChange(field, render(old), render(now)));
        }
        return changes;
    }

    static String render(AttributeValue value) {
        if (value == null || Boolean.TRUE.equals(value.nul())) {
            return null;
        }
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return value.n();
        }
        if (value.bool() != null) {
            return value.bool().toString();
        }
        // lists, maps, sets and binary: their JSON form
        return EnhancedDocument.fromAttributeValueMap(Map.of("v", value))
                .toJson()
                .replaceFirst("^\\{\"v\":(.*)}$", "$1");
    }

    private static AuditOperation operation(
            OperationType type,
            Map<String, AttributeValue> before,
            Map<String, AttributeValue> after,
            boolean expired) {
        if (type == OperationType.INSERT) {
            return AuditOperation.CREATE;
        }
        if (type == OperationType.REMOVE) {
            return expired ? AuditOperation.EXPIRE : AuditOperation.DELETE;
        }
        boolean wasArchived = isTrue(before.get(ARCHIVED));
        boolean isArchived = isTrue(after.get(ARCHIVED));
        if (wasArchived == isArchived) {
            return AuditOperation.UPDATE;
        }
        return isArchived ? AuditOperation.ARCHIVE : AuditOperation.RESTORE;
    }

    private static Instant when(
            Map<String, AttributeValue> after, StreamRecord change, Instant receivedAt) {
        String stamped = text(after.get("updatedAt"));
        if (stamped != null) {
            return Instant.parse(stamped);
        }
        return change.approximateCreationDateTime() != null
                ? change.approximateCreationDateTime()
                : receivedAt;
    }

    private static boolean isTtlRemoval(Record record) {
        return record.eventName() == OperationType.REMOVE
                && record.userIdentity() != null
                && DYNAMODB_SERVICE.equals(record.userIdentity().principalId());
    }

    private static String entityId(
            Map<String, AttributeValue> latest, Map<String, AttributeValue> keys) {
        String filedUnder = text(latest.get("auditEntityId"));
        if (filedUnder != null) {
            return filedUnder;
        }
        return keys.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> render(entry.getValue()))
                .collect(Collectors.joining("#"));
    }

    private static boolean isTrue(AttributeValue value) {
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    private static String text(AttributeValue value) {
        return value == null ? null : render(value);
    }
}
