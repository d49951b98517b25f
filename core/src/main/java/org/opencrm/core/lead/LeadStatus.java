package org.opencrm.core.lead;

/**
 * Where a lead is in its working life. NEW leads wait for the reactor; UNASSIGNED ones wait in the
 * pool with a reason; WOKEN ones got the 3-day wake-up SMS.
 */
public enum LeadStatus {
    NEW,
    UNASSIGNED,
    ASSIGNED,
    CONTACTED,
    WOKEN,
    QUALIFIED,
    CONVERTED,
    DISQUALIFIED
}
