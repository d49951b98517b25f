package org.opencrm.core.metrics;

import java.util.Locale;

/**
 * What the domain counts for the business metrics: each event is one CloudWatch metric and one
 * field of the log line of the request, stream batch or schedule run it happened in.
 */
public enum BusinessEvent {
    LEAD_ASSIGNED("LeadsAssigned"),
    LEAD_POOLED("LeadsPooled"),
    SLA_STEP_APPLIED("SlaStepsApplied"),
    DELIVERY_SENT("DeliveriesSent"),
    DELIVERY_FAILED("DeliveriesFailed"),
    AUDIT_ROW_WRITTEN("AuditRowsWritten"),
    LEAD_ACCEPTED("LeadsAccepted"),
    LEAD_MERGED("LeadsMerged"),
    LEAD_QUARANTINED("LeadsQuarantined"),
    POOL_REMINDER_SENT("PoolRemindersSent"),
    /** A rep's open-lead count found to differ from their open leads (normal operation: none). */
    LEAD_COUNT_DRIFT("LeadCountDrifts"),
    /** An open lead found nowhere (normal operation: none). */
    LEAD_FOUND_NOWHERE("LeadsFoundNowhere"),
    AUDIT_RAW_ROW_WRITTEN("AuditRawRowsWritten"),
    AUDIT_GAP_FOUND("AuditGapsFound");

    private final String metricName;

    BusinessEvent(String metricName) {
        this.metricName = metricName;
    }

    /** The CloudWatch metric name, e.g. {@code LeadsAssigned}. */
    public String metricName() {
        return metricName;
    }

    /** The log line's field, e.g. {@code leadsAssigned}. */
    public String fieldName() {
        return metricName.substring(0, 1).toLowerCase(Locale.ROOT) + metricName.substring(1);
    }
}
