package org.opencrm.core.audit;

import java.time.Instant;
import java.util.List;
import org.opencrm.core.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/** Enhanced Client mapping of an audit row; append-only, keyed by the stream event id. */
@DynamoDbBean
public class AuditItem {

    static final String BY_ENTITY = "byEntity";
    static final String BY_ACTOR = "byActor";

    private String eventId;
    private String entityType;
    private String entityId;
    private String operation;
    private String actorId;
    private String sourceIp;
    private String requestId;
    private Instant at;
    private String timeKey;
    private List<FieldChangeItem> changes;
    private Long version;
    private Boolean raw;
    private String rawJson;

    static AuditItem from(AuditEntry entry) {
        AuditItem item = new AuditItem();
        item.eventId = entry.eventId();
        item.entityType = entry.entityType();
        item.entityId = entry.entityId();
        item.operation = entry.operation().name();
        item.actorId = entry.actorId();
        item.sourceIp = entry.sourceIp();
        item.requestId = entry.requestId();
        item.at = entry.at();
        item.timeKey = Keys.auditTime(entry.at(), entry.eventId());
        item.changes = entry.changes().stream().map(FieldChangeItem::from).toList();
        item.version = entry.version();
        // only raw rows carry the flag, so ordinary rows stay as they were
        item.raw = entry.raw() ? Boolean.TRUE : null;
        item.rawJson = entry.rawJson();
        return item;
    }

    AuditEntry toEntry() {
        List<FieldChange> fieldChanges =
                changes == null
                        ? List.of()
                        : changes.stream().map(FieldChangeItem::toChange).toList();
        return AuditEntry.builder()
                .eventId(eventId)
                .entityType(entityType)
                .entityId(entityId)
                .operation(AuditOperation.valueOf(operation))
                .actorId(actorId)
                .sourceIp(sourceIp)
                .requestId(requestId)
                .at(at)
                .version(version)
                .changes(fieldChanges)
                .raw(Boolean.TRUE.equals(raw))
                .rawJson(rawJson)
                .build();
    }

    @DynamoDbPartitionKey
    public String getEventId() {
        return eventId;
    }

    public void setEventId(String eventId) {
        this.eventId = eventId;
    }

    public String getEntityType() {
        return entityType;
    }

    public void setEntityType(String entityType) {
        this.entityType = entityType;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_ENTITY)
    public String getEntityId() {
        return entityId;
    }

    public void setEntityId(String entityId) {
        this.entityId = entityId;
    }

    public String getOperation() {
        return operation;
    }

    public void setOperation(String operation) {
        this.operation = operation;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_ACTOR)
    public String getActorId() {
        return actorId;
    }

    public void setActorId(String actorId) {
        this.actorId = actorId;
    }

    public String getSourceIp() {
        return sourceIp;
    }

    public void setSourceIp(String sourceIp) {
        this.sourceIp = sourceIp;
    }

    public String getRequestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }

    public Instant getAt() {
        return at;
    }

    public void setAt(Instant at) {
        this.at = at;
    }

    @DynamoDbSecondarySortKey(indexNames = {BY_ENTITY, BY_ACTOR})
    public String getTimeKey() {
        return timeKey;
    }

    public void setTimeKey(String timeKey) {
        this.timeKey = timeKey;
    }

    public List<FieldChangeItem> getChanges() {
        return changes;
    }

    public void setChanges(List<FieldChangeItem> changes) {
        this.changes = changes;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }

    public Boolean getRaw() {
        return raw;
    }

    public void setRaw(Boolean raw) {
        this.raw = raw;
    }

    public String getRawJson() {
        return rawJson;
    }

    public void setRawJson(String rawJson) {
        this.rawJson = rawJson;
    }

    @DynamoDbBean
    public static class FieldChangeItem {
        private String field;
        private String before;
        private String after;

        static FieldChangeItem from(FieldChange change) {
            FieldChangeItem item = new FieldChangeItem();
            item.field = change.field();
            item.before = change.before();
            item.after = change.after();
            return item;
        }

        FieldChange toChange() {
            return new FieldChange(field, before, after);
        }

        public String getField() {
            return field;
        }

        public void setField(String field) {
            this.field = field;
        }

        public String getBefore() {
            return before;
        }

        public void setBefore(String before) {
            this.before = before;
        }

        public String getAfter() {
            return after;
        }

        public void setAfter(String after) {
            this.after = after;
        }
    }
}
