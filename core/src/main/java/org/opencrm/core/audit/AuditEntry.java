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
        return new AuditEntry(
                eventId,
                entityType,
                entityId,
                operation,
                actorId,
                sourceIp,
                requestId,
                at,
                visible);
    }
}
