package org.opencrm.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BusinessTallyTest {

    @Test
    void counts_holdOnlyTheEventsOfTheirOwnSpan() {
        // GIVEN an event counted before the span starts
        BusinessTally.count(BusinessEvent.LEAD_POOLED);
        BusinessTally.Span span = BusinessTally.start();

        // WHEN the span's work counts events
        BusinessTally.count(BusinessEvent.LEAD_ASSIGNED);
        BusinessTally.count(BusinessEvent.LEAD_ASSIGNED);
        BusinessTally.count(BusinessEvent.AUDIT_ROW_WRITTEN, 3);

        // THEN only those are in it, and events that did not happen are left out
        assertEquals(
                Map.of(BusinessEvent.LEAD_ASSIGNED, 2L, BusinessEvent.AUDIT_ROW_WRITTEN, 3L),
                span.counts());
    }

    @Test
    void counts_leaveOutEventsCountedOnAnotherThread() {
        // GIVEN
        BusinessTally.Span span = BusinessTally.start();

        // WHEN another thread counts
        CompletableFuture.runAsync(() -> BusinessTally.count(BusinessEvent.DELIVERY_FAILED)).join();

        // THEN this thread's span saw nothing
        assertEquals(Map.of(), span.counts());
    }

    @Test
    void fieldName_isTheMetricNameInLowerCamelCase() {
        assertEquals("LeadsAssigned", BusinessEvent.LEAD_ASSIGNED.metricName());
        assertEquals("leadsAssigned", BusinessEvent.LEAD_ASSIGNED.fieldName());
        assertEquals("slaStepsApplied", BusinessEvent.SLA_STEP_APPLIED.fieldName());
    }
}
