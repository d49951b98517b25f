package org.opencrm.functions.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.metrics.BusinessEvent;

class WorkLineTest {

    @Test
    void fields_maskWhatAWebhookCallerSupplied_andListTheOutcomeCounts() {
        // GIVEN a webhook delivery for a channel named like a phone, refused with an echo of it
        WorkUnit unit = WorkUnit.webhook("req-1", "13812345678");
        WorkOutcome outcome =
                new WorkOutcome(
                        400,
                        List.of(new ResponseError("BAD_USER_INPUT", "phone", "got +8613812345678")),
                        Map.of());

        // WHEN
        WorkLine line =
                new WorkLine(
                        unit,
                        "req-1",
                        outcome,
                        null,
                        12,
                        4,
                        Map.of(
                                BusinessEvent.LEAD_QUARANTINED, 1L,
                                BusinessEvent.LEAD_ACCEPTED, 2L));

        // THEN
        Map<String, Object> fields = line.fields();
        assertEquals("138****5678", fields.get("channel"));
        assertEquals(List.of("BAD_USER_INPUT"), fields.get("errorCodes"));
        assertEquals(
                List.of(
                        Map.of(
                                "code",
                                "BAD_USER_INPUT",
                                "field",
                                "phone",
                                "message",
                                "got +86138****5678")),
                fields.get("errors"));
        assertEquals(2L, fields.get("leadsAccepted"));
        assertEquals(1L, fields.get("leadsQuarantined"));
        assertEquals(
                Map.of("LeadsAccepted", 2L, "LeadsQuarantined", 1L, "WebhookErrors", 1L),
                line.metrics());
    }

    @Test
    void metrics_areEmpty_forARequestThatCountedNothingAndFailedNothing() {
        WorkLine line =
                new WorkLine(
                        WorkUnit.apiRequest("req-2", "customers", "u-1", "SALES_REP"),
                        "req-2",
                        WorkOutcome.ofResponse(200, "{\"data\":{}}"),
                        null,
                        3,
                        1,
                        Map.of());

        assertEquals(Map.of(), line.metrics());
    }
}
