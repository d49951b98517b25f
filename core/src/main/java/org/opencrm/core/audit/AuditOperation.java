package org.opencrm.core.audit;

public enum AuditOperation {
    CREATE,
    UPDATE,
    ARCHIVE,
    RESTORE,
    DELETE,
    EXPIRE
}
