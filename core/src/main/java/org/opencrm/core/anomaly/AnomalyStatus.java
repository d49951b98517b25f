package org.opencrm.core.anomaly;

/** Where an anomaly stands: waiting for someone to look, or looked at with a decision. */
public enum AnomalyStatus {
    OPEN,
    REVIEWED
}
