package org.opencrm.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One change to one record: who, when, from where, and each field's before/after. */
public record AuditEntry(
        String eventId,
        String entityType,
        String entityId,
        AuditOperation operation,
        String actorId,
        String sourceIp,
        String requestId,
        Instant at,
        List<FieldChange> changes) {

    public AuditEntry {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(at, "at");
        changes = List.copyOf(changes);
    }

    public AuditEntry withChanges(List<FieldChange> visible) {
        return toBuilder().changes(visible).build();
    }

    /** A new entry, every component named. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder()
                .eventId(eventId)
                .entityType(entityType)
                .entityId(entityId)
                .operation(operation)
                .actorId(actorId)
                .sourceIp(sourceIp)
                .requestId(requestId)
                .at(at)
                .changes(changes);
    }

    /** Names every component; {@link #build()} is the one caller of the canonical constructor. */
    public static final class Builder {
        private String eventId;
        private String entityType;
        private String entityId;
        private AuditOperation operation;
        private String actorId;
        private String sourceIp;
        private String requestId;
        private Instant at;
        private List<FieldChange> changes;

        private Builder() {}

        public Builder eventId(String value) {
            this.eventId = value;
            return this;
        }

        public Builder entityType(String value) {
            this.entityType = value;
            return this;
        }

        public Builder entityId(String value) {
            this.entityId = value;
            return this;
        }

        public Builder operation(AuditOperation value) {
            this.operation = value;
            return this;
        }

        public Builder actorId(String value) {
            this.actorId = value;
            return this;
        }

        public Builder sourceIp(String value) {
            this.sourceIp = value;
            return this;
        }

        public Builder requestId(String value) {
            this.requestId = value;
            return this;
        }

        public Builder at(Instant value) {
            this.at = value;
            return this;
        }

        public Builder changes(List<FieldChange> value) {
            this.changes = value;
            return this;
        }

        public AuditEntry build() {
            return new AuditEntry(
                    eventId,
                    entityType,
                    entityId,
                    operation,
                    actorId,
                    sourceIp,
                    requestId,
                    at,
                    changes);
        }
    }
}
