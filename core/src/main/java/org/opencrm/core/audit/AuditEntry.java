package org.opencrm.core.audit;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One change to one record: who, when, from where, and each field's before/after.
 *
 * @param version the record's version after the change (before it, for a removal); null for records
 *     that carry none
 * @param raw the stream record could not be turned into a diff: {@code changes} is empty and {@code
 *     rawJson} holds the record's keys and images as they came, with the reason
 */
@RecordBuilder
public record AuditEntry(
        String eventId,
        String entityType,
        String entityId,
        AuditOperation operation,
        String actorId,
        String sourceIp,
        String requestId,
        Instant at,
        Long version,
        List<FieldChange> changes,
        boolean raw,
        String rawJson) {

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
    public static AuditEntryBuilder builder() {
        return AuditEntryBuilder.builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public AuditEntryBuilder toBuilder() {
        return AuditEntryBuilder.builder(this);
    }
}
