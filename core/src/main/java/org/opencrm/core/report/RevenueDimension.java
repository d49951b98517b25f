package org.opencrm.core.report;

/** What a revenue report's rows are grouped by; none asked is one row of totals. */
public enum RevenueDimension {
    MONTH,
    REGION,
    OWNER
}
