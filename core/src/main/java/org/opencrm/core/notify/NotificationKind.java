package org.opencrm.core.notify;

/** What a notification is about; clients pick icons and users pick channels by kind. */
public enum NotificationKind {
    LEAD_ASSIGNED,
    LEAD_UNASSIGNED,
    SLA_WARNING,
    SLA_ESCALATED,
    /** To the region's team leads: a lead has waited in the pool 30 min, 2 h, .... */
    LEAD_POOL_REMINDER,
    /** To admins: a rep's open-lead count differed from their open leads and was corrected. */
    LEAD_COUNT_DRIFT,
    /** To admins: an open lead neither owned by an active user nor in its region's pool. */
    LEAD_NOWHERE,
    ACCOUNT_SUSPENDED,
    SYNC_FAILED,
    /** To a customer, by SMS: the 3-day wake-up of a lead nobody contacted. */
    WAKE_UP_SMS,
    /** To the finance system: a customer was signed. */
    FINANCE_SYNC,
    /** To the admins: changes of a window that have no audit row. */
    AUDIT_GAP,
    /** To the owner's manager: a deal sat past its stage's stale-after days. */
    DEAL_STALE,
    /** To the deal's owner: a keyword in an activity moved the deal automatically. */
    DEAL_AUTO_MOVED,
    /** To an activity's actor: the next follow-up they set fell due (issue 15). */
    FOLLOW_UP_DUE,
    /** To the rep's manager: no activity for the configured working days, once a stretch. */
    REP_IDLE,
    /**
     * To finance and admins: the nightly reconciliation found revenue aggregates that differ from
     * their facts, naming the groups and the contracts behind them.
     */
    RECONCILIATION_DRIFT,
    /**
     * To the finance team's robot: the previous month's totals per caliber, their differences and
     * the top contracts behind them, once a month.
     */
    CALIBER_DIFFERENCE_REPORT,
    /**
     * To the region manager and finance: one customer's contracts look split, once a group.
     */
    SPLIT_ORDER,
    /**
     * To the owner: the nightly health pass archived their customer (R-26: score below the archive
     * line and no activity for the configured days); restoring it undoes it.
     */
    CUSTOMER_ARCHIVED,
    /** To the team's service supervisor: a ticket not closed 24 h after opening, once. */
    TICKET_ESCALATED,
    /** To a customer, by SMS: the satisfaction survey 48 h after a resolution, once each. */
    SATISFACTION_SURVEY
}
