package org.opencrm.core.contract;

/**
 * The ways of counting revenue, each from its own money facts: sales count what was signed,
 * delivery what was shipped, finance what was invoiced, and the cash what was collected.
 */
public enum Caliber {
    SIGNED,
    SHIPPED,
    INVOICED,
    COLLECTED
}
