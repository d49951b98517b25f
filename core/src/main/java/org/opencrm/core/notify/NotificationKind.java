package org.opencrm.core.notify;

/** What a notification is about; clients pick icons and users pick channels by kind. */
public enum NotificationKind {
    LEAD_ASSIGNED,
    LEAD_UNASSIGNED,
    SLA_WARNING,
    SLA_ESCALATED,
    ACCOUNT_SUSPENDED,
    SYNC_FAILED
}
