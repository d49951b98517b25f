package org.opencrm.core.lead;

/** Where a lead is in its working life. */
public enum LeadStatus {
    NEW, ASSIGNED, CONTACTED, QUALIFIED, CONVERTED, DISQUALIFIED
}
