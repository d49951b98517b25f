package org.opencrm.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.opencrm.core.store.StampedItem;
import org.opencrm.core.store.StreamRecordTimes;
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
    private static final String VERSION = "version";
    private static final Set<OperationType> KNOWN_OPERATIONS =
            EnumSet.of(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** DynamoDB items hold 400 KB; the rest of a row and its index copies need far less. */
    static final long MAX_ROW_CONTENT_BYTES = 350_000;

    private AuditRules() {}

    /**
     * Domain records carry an entity type; working items that are not (an import's chunk of raw CSV
     * rows) are left out of the trail.
     */
    public static boolean isAudited(Record record) {
        StreamRecord change = record.dynamodb();
        if (change == null || (!change.hasNewImage() && !change.hasOldImage())) {
            // nothing tells what it is: a raw row rather than a silent skip
            return true;
        }
        return latest(change).containsKey("entityType");
    }

    /**
     * The record's audit entry: a diff when the record can be read as one, else a raw entry that
     * keeps the record as it came (R-30: no change without its entry, even one this code does not
     * understand). Never throws for a record's content.
     */
    public static AuditEntry entryFor(Record record, Instant receivedAt) {
        Optional<String> problem = undiffable(record);
        AuditEntry entry;
        if (problem.isPresent()) {
            entry = rawEntry(record, receivedAt, problem.get());
        } else {
            try {
                entry = diffEntry(record, receivedAt);
            } catch (RuntimeException unreadable) {
                // a value that cannot be rendered or parsed (a malformed stamp): keep it raw
                entry = rawEntry(record, receivedAt, "cannot be diffed: " + unreadable);
            }
        }
        return fitting(entry, record, receivedAt);
    }

    /**
     * An entry DynamoDB can store: a row past the item size limit would be refused on every retry,
     * so it becomes a raw row that names the record without its values.
     */
    private static AuditEntry fitting(AuditEntry entry, Record record, Instant receivedAt) {
        long bytes = contentBytes(entry);
        if (bytes <= MAX_ROW_CONTENT_BYTES) {
            return entry;
        }
        AuditEntry withoutValues =
                rawEntry(
                        record,
                        receivedAt,
                        "values left out: " + bytes + " bytes exceed the audit row's limit");
        ObjectNode json = JSON.createObjectNode();
        json.put("reason", "values left out: " + bytes + " bytes exceed the audit row's limit");
        json.put("eventName", record.eventNameAsString());
        json.put(
                "sequenceNumber",
                record.dynamodb() == null ? null : record.dynamodb().sequenceNumber());
        return withoutValues.toBuilder().rawJson(json.toString()).build();
    }

    private static long contentBytes(AuditEntry entry) {
        long bytes = entry.rawJson() == null ? 0 : utf8Length(entry.rawJson());
        for (FieldChange change : entry.changes()) {
            bytes +=
                    utf8Length(change.field())
                            + utf8Length(change.before())
                            + utf8Length(change.after());
        }
        return bytes;
    }

    private static long utf8Length(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Why a record cannot be diffed at all, before trying: no id, no keys, no known operation. */
    static Optional<String> undiffable(Record record) {
        StreamRecord change = record.dynamodb();
        if (change == null) {
            return Optional.of("no dynamodb section");
        }
        if (record.eventID() == null || record.eventID().isBlank()) {
            return Optional.of("no eventID");
        }
        if (!KNOWN_OPERATIONS.contains(record.eventName())) {
            return Optional.of("unknown eventName " + record.eventNameAsString());
        }
        if (!change.hasKeys() || change.keys().isEmpty()) {
            return Optional.of("no keys");
        }
        if (!change.hasNewImage() && !change.hasOldImage()) {
            return Optional.of("no images");
        }
        AttributeValue version = latest(change).get(VERSION);
        if (version != null && (version.n() == null || !version.n().matches("\\d+"))) {
            return Optional.of("version is not a whole number: " + version);
        }
        return Optional.empty();
    }

    private static AuditEntry diffEntry(Record record, Instant receivedAt) {
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
                .at(when(after, record, receivedAt))
                .version(version(latest))
                .changes(diff(before, after))
                .build();
    }

    /**
     * What can be said of a record without understanding it: every part is read defensively and the
     * whole record goes into {@code rawJson}. Filed under the record's id when one can be found, so
     * its trail still shows it; the event id (or, lacking one, the sequence number) keeps it
     * idempotent.
     */
    static AuditEntry rawEntry(Record record, Instant receivedAt, String reason) {
        StreamRecord change =
                record.dynamodb() == null ? StreamRecord.builder().build() : record.dynamodb();
        Map<String, AttributeValue> latest = latest(change);
        String sequenceNumber = change.sequenceNumber();
        String eventId =
                record.eventID() == null || record.eventID().isBlank()
                        ? "raw#" + sequenceNumber
                        : record.eventID();
        String entityId = safely(() -> entityId(latest, change.keys()));
        return AuditEntry.builder()
                .eventId(eventId)
                .entityType(plainText(latest.get("entityType")))
                .entityId(entityId == null || entityId.isEmpty() ? "raw#" + eventId : entityId)
                .operation(rawOperation(record.eventName()))
                .actorId(plainText(latest.get("updatedBy")))
                .at(
                        StreamRecordTimes.createdAt(record) != null
                                ? StreamRecordTimes.createdAt(record)
                                : receivedAt)
                .version(safely(() -> version(latest)))
                .changes(List.of())
                .raw(true)
                .rawJson(rawJson(record, change, reason))
                .build();
    }

    private static String rawJson(Record record, StreamRecord change, String reason) {
        ObjectNode json = JSON.createObjectNode();
        json.put("reason", reason);
        json.put("eventName", record.eventNameAsString());
        json.put("sequenceNumber", change.sequenceNumber());
        json.set("keys", imageJson(change.hasKeys() ? change.keys() : Map.of()));
        json.set("oldImage", change.hasOldImage() ? imageJson(change.oldImage()) : null);
        json.set("newImage", change.hasNewImage() ? imageJson(change.newImage()) : null);
        return json.toString();
    }

    /** An image as JSON, or the SDK's own text of it when even that cannot be made. */
    private static JsonNode imageJson(Map<String, AttributeValue> image) {
        JsonNode json =
                safely(
                        () -> {
                            try {
                                return JSON.readTree(
                                        EnhancedDocument.fromAttributeValueMap(image).toJson());
                            } catch (JsonProcessingException notJson) {
                                throw new IllegalStateException(notJson);
                            }
                        });
        return json != null ? json : TextNode.valueOf(image.toString());
    }

    private static AuditOperation rawOperation(OperationType type) {
        if (type == OperationType.INSERT) {
            return AuditOperation.CREATE;
        }
        if (type == OperationType.MODIFY) {
            return AuditOperation.UPDATE;
        }
        return type == OperationType.REMOVE ? AuditOperation.DELETE : AuditOperation.UNKNOWN;
    }

    private static Map<String, AttributeValue> latest(StreamRecord change) {
        if (change.hasNewImage()) {
            return change.newImage();
        }
        return change.hasOldImage() ? change.oldImage() : Map.of();
    }

    private static Long version(Map<String, AttributeValue> latest) {
        AttributeValue version = latest.get(VERSION);
        return version == null || version.n() == null ? null : Long.valueOf(version.n());
    }

    /** Text of a string attribute only: a raw entry never renders values it may not understand. */
    private static String plainText(AttributeValue value) {
        return value == null ? null : value.s();
    }

    private static <T> T safely(Supplier<T> part) {
        try {
            return part.get();
        } catch (RuntimeException unreadable) {
            return null;
        }
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
            Map<String, AttributeValue> after, Record record, Instant receivedAt) {
        String stamped = text(after.get("updatedAt"));
        if (stamped != null) {
            return Instant.parse(stamped);
        }
        Instant created = StreamRecordTimes.createdAt(record);
        return created != null ? created : receivedAt;
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
