package org.opencrm.core.health;

/** What dataHealth groups customers by: who entered them, their team, or where they came from. */
public enum HealthGroupBy {
    OWNER,
    TEAM,
    CHANNEL
}
