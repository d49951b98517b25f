package org.opencrm.core.audit;

public enum AuditOperation {
    CREATE,
    UPDATE,
    ARCHIVE,
    RESTORE,
    DELETE,
    EXPIRE,
    /** A raw row whose stream record named no operation this code knows. */
    UNKNOWN
}
