package org.opencrm.core.audit;

import org.opencrm.core.access.Caller;

/**
 * Whether a caller may see the record an audit trail is about; the record's own read scope decides.
 */
@FunctionalInterface
public interface AuditScope {

    boolean mayReadRecord(String entityId, Caller caller);
}
