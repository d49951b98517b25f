package org.opencrm.core.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Scope;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.metrics.BusinessEvent;
import org.opencrm.core.metrics.BusinessTally;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Records changes from table streams and reads the trail back, scoped: a trail is visible to
 * whoever may read its record, or to the roles that see every trail; values of fields the reader
 * may not read are redacted.
 */
public final class AuditService {

    static final String TRAIL = "AuditTrail";

    /** Audited entity types and the field-matrix type their fields belong to. */
    private static final Map<String, String> MATRIX_TYPES =
            Map.of("CUSTOMER", "Customer", "USER", "User", "LEAD", "Lead", "INTAKE_MERGE", "Lead");

    /**
     * Records that carry some of a matrix type's fields beside bookkeeping of their own (a merge
     * record: channel, raw payload, matched contact, contributed field names): the fields the
     * matrix lists are checked, the rest pass.
     */
    private static final java.util.Set<String> PARTIAL_TYPES = java.util.Set.of("INTAKE_MERGE");

    private final AuditStore store;
    private final Clock clock;
    private final AccessPolicy policy;
    private final AuditScope scope;

    public AuditService(AuditStore store, Clock clock, AccessPolicy policy, AuditScope scope) {
        this.store = store;
        this.clock = clock;
        this.policy = policy;
        this.scope = scope;
    }

    /** Idempotent: a record delivered twice is written once. */
    public boolean record(Record streamRecord) {
        if (!AuditRules.isAudited(streamRecord)) {
            return false;
        }
        AuditEntry entry = AuditRules.entryFor(streamRecord, clock.instant());
        // only the store can fail here (the audit table refusing): that fails the record
        boolean written = store.append(entry);
        if (written) {
            BusinessTally.count(BusinessEvent.AUDIT_ROW_WRITTEN);
        }
        if (written && entry.raw()) {
            BusinessTally.count(BusinessEvent.AUDIT_RAW_ROW_WRITTEN);
        }
        return written;
    }

    public Page<AuditEntry> trail(String entityId, PageRequest page, Caller caller) {
        if (!seesEveryTrail(caller) && !scope.mayReadRecord(entityId, caller)) {
            throw new NotFoundException("Record", entityId);
        }
        return store.trail(entityId, page).map(entry -> redacted(entry, caller));
    }

    /**
     * What one user changed between two instants, newest first (ADMIN, by the policy's operations).
     */
    public Page<AuditEntry> byActor(
            String actorId, Instant from, Instant to, PageRequest page, Caller caller) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new ValidationException(
                    new FieldProblem(
                            "from",
                            "beforeTo",
                            "must not be after to (" + to + "), got " + from,
                            null));
        }
        Instant start = from == null ? Instant.EPOCH : from;
        Instant end = to == null ? clock.instant() : to;
        return store.byActor(actorId, start, end, page).map(entry -> redacted(entry, caller));
    }

    private boolean seesEveryTrail(Caller caller) {
        return policy.readScope(TRAIL, caller.role()) == Scope.ALL;
    }

    private AuditEntry redacted(AuditEntry entry, Caller caller) {
        if (entry.raw()) {
            // a raw row's images were never checked against the field matrix: only the roles
            // that see every trail get them
            return seesEveryTrail(caller) ? entry : entry.toBuilder().rawJson(null).build();
        }
        String type = entry.entityType() == null ? null : MATRIX_TYPES.get(entry.entityType());
        if (type == null) {
            return entry;
        }
        boolean partial = PARTIAL_TYPES.contains(entry.entityType());
        return entry.withChanges(
                entry.changes().stream()
                        .map(
                                change ->
                                        readable(type, fieldOf(change.field()), partial, caller)
                                                ? change
                                                : change.redact())
                        .toList());
    }

    private boolean readable(String type, String field, boolean partial, Caller caller) {
        if (!policy.matrixFields(type).contains(field)) {
            // an attribute the matrix does not list is withheld: a new field is private until
            // declared
            return partial;
        }
        return policy.mayReadField(type, field, caller.role());
    }

    /**
     * Stored JSON attributes ({@code extraJson}) are the fields of the same name without the
     * suffix.
     */
    private static String fieldOf(String attribute) {
        return attribute.endsWith("Json")
                ? attribute.substring(0, attribute.length() - "Json".length())
                : attribute;
    }
}
