package org.opencrm.core.store;

import java.time.Instant;
import java.util.Set;

/**
 * Bookkeeping every mutable item carries: its entity type and the last write's actor, request and
 * source address. The audit stream reads them; they are not domain fields.
 *
 * <p>Naming rule: attributes that only exist to serve a key or an index end in {@code Key}.
 */
public abstract class StampedItem {

    /** Attributes that are not domain fields and so never appear in an audit diff. */
    public static final Set<String> BOOKKEEPING =
            Set.of(
                    "entityType",
                    "auditEntityId",
                    "version",
                    "updatedAt",
                    "updatedBy",
                    "requestId",
                    "sourceIp");

    private String entityType;
    private Instant updatedAt;
    private String updatedBy;
    private String requestId;
    private String sourceIp;
    private String auditEntityId;

    public static boolean isBookkeeping(String attribute) {
        return BOOKKEEPING.contains(attribute) || attribute.endsWith("Key");
    }

    protected void stamp(String type, WriteStamp stamp) {
        this.entityType = type;
        this.updatedAt = stamp.at();
        this.updatedBy = stamp.actorId();
        this.requestId = stamp.requestId();
        this.sourceIp = stamp.sourceIp();
    }

    /**
     * The id the audit trail files this item's changes under, when it is not the item's key (e.g.
     * every version of a configuration is filed under the configuration's name).
     */
    public String getAuditEntityId() {
        return auditEntityId;
    }

    public void setAuditEntityId(String auditEntityId) {
        this.auditEntityId = auditEntityId;
    }

    public String getEntityType() {
        return entityType;
    }

    public void setEntityType(String entityType) {
        this.entityType = entityType;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public void setUpdatedBy(String updatedBy) {
        this.updatedBy = updatedBy;
    }

    public String getRequestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }

    public String getSourceIp() {
        return sourceIp;
    }

    public void setSourceIp(String sourceIp) {
        this.sourceIp = sourceIp;
    }
}
