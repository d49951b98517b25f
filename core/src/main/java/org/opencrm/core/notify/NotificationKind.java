package org.opencrm.core.notify;

/** What a notification is about; clients pick icons and users pick channels by kind. */
public enum NotificationKind {
    LEAD_ASSIGNED,
    LEAD_UNASSIGNED,
    SLA_WARNING,
    SLA_ESCALATED,
    ACCOUNT_SUSPENDED,
    SYNC_FAILED,
    /** To a customer, by SMS: the 3-day wake-up of a lead nobody contacted. */
    WAKE_UP_SMS,
    /** To the finance system: a customer was signed. */
    FINANCE_SYNC,
    /** To the admins: changes of a window that have no audit row. */
    AUDIT_GAP
}
