package org.opencrm.core.anomaly;

/** What the reviewer concluded. */
public enum AnomalyDecision {
    /** The contracts were split to dodge a limit; follow-up is the reviewer's (and the note's). */
    CONFIRMED,
    /** Separate orders for good reason. */
    DISMISSED
}
