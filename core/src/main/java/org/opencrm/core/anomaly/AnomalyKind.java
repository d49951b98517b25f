package org.opencrm.core.anomaly;

/** What an anomaly for review is about. */
public enum AnomalyKind {
    /** one customer's order split into several contracts to stay under approval limits. */
    SPLIT_ORDER
}
