package org.opencrm.core.ticket;

/** Whether the escalation threshold counts every hour (R-25's default) or business hours only. */
public enum EscalationBasis {
    CALENDAR,
    BUSINESS
}
