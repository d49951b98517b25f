package org.opencrm.core.leadwork;

/** Why a lead waits in the unassigned pool; machine-readable. */
public enum UnassignedReason {
    /** Nobody who takes leads works in the lead's region. */
    NO_REP_IN_REGION,
    /** There are reps, but none is ACTIVE. */
    NO_ACTIVE_REPS,
    /** Every active rep carries as many open leads as their capacity. */
    ALL_AT_CAPACITY,
    /** Every eligible rep already missed this lead's SLA. */
    ALL_EXCLUDED
}
