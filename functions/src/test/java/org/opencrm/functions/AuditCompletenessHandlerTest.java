package org.opencrm.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.audit.AuditCompleteness;
import org.opencrm.core.audit.AuditStore;
import org.opencrm.core.audit.AuditStreams;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;

/** The hourly check over the embedded engine's real customers stream and audit table. */
class AuditCompletenessHandlerTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final CoreServices services = dynamo.services(Clock.systemUTC());

    @Test
    void handleRequest_reportsChangesWithoutARow_inItsResultAndLogLine() {
        // GIVEN a customer change nobody recorded
        services.customers()
                .create(
                        CustomerInput.builder()
                                .name("Unaudited")
                                .phone(TestCallers.uniqueMobile())
                                .build(),
                        TestCallers.freshRep("east"));
        String streamArn =
                dynamo.streams()
                        .listStreams(b -> b.tableName(dynamo.tables().customers()))
                        .streams()
                        .get(0)
                        .streamArn();
        AuditCompleteness completeness =
                new AuditCompleteness(
                        new AuditStreams(dynamo.streams()),
                        new AuditStore(dynamo.enhanced(), dynamo.tables()),
                        List.of(streamArn),
                        services.outbox(),
                        services.users());
        // a run a little later, so the change lies in the window that ends 10 minutes ago
        Clock later =
                Clock.fixed(
                        Instant.now().plus(AuditCompleteness.SETTLE).plus(Duration.ofMinutes(1)),
                        ZoneOffset.UTC);
        AuditCompletenessHandler handler = new AuditCompletenessHandler(completeness, later);

        // WHEN
        ConsoleLines<Map<String, Integer>> console =
                ConsoleLines.during(() -> handler.handleRequest(null, null));

        // THEN
        Map<String, Integer> result = console.result();
        assertTrue(result.get("auditGaps") >= 1, result.toString());
        assertTrue(result.get("changes") >= result.get("auditGaps"), result.toString());
        JsonNode line = console.workLine();
        assertEquals("AuditCompleteness", line.path("operation").asText());
        assertTrue(line.path("auditGapsFound").asInt() >= 1, line.toString());
    }
}
