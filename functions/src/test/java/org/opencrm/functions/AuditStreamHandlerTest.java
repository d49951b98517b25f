package org.opencrm.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.audit.AuditEntry;
import org.opencrm.core.audit.AuditOperation;
import org.opencrm.core.audit.AuditService;
import org.opencrm.core.audit.AuditStore;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;

class AuditStreamHandlerTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final AuditService audit = dynamo.services(Clock.systemUTC()).audit();
    // the trail is read as an admin: every trail, every field
    private final Caller admin = TestCallers.of(Role.ADMIN, null, null);
    private final AuditStreamHandler handler = new AuditStreamHandler(audit);
    private final String customerId = "cust-" + UUID.randomUUID();

    private DynamodbEvent batch(String updatedAt) {
        return EventFixtures.load(
                "customers-stream-batch.json",
                DynamodbEvent.class,
                Map.of(
                        "EVENT_PREFIX", "evt-" + UUID.randomUUID(),
                        "CUSTOMER_ID", customerId,
                        "UPDATED_AT_PLACEHOLDER", updatedAt));
    }

    private List<AuditEntry> trail() {
        return audit.trail(customerId, PageRequest.of(100, null), admin).entries().stream()
                .map(e -> e.item())
                .toList();
    }

    @Test
    void handleRequest_writesOneRowPerRecord_andNothingMoreWhenTheBatchIsRedelivered() {
        // GIVEN a batch of three changes to one customer
        DynamodbEvent event = batch("2026-11-23T08:05:00Z");

        // WHEN it is delivered twice
        StreamsEventResponse first = handler.handleRequest(event, null);
        StreamsEventResponse second = handler.handleRequest(event, null);

        // THEN
        assertTrue(first.getBatchItemFailures().isEmpty());
        assertTrue(second.getBatchItemFailures().isEmpty());
        List<AuditEntry> trail = trail();
        assertEquals(
                List.of(AuditOperation.ARCHIVE, AuditOperation.UPDATE, AuditOperation.CREATE),
                trail.stream().map(AuditEntry::operation).toList());
        AuditEntry update = trail.get(1);
        assertEquals("demo-lead-a", update.actorId());
        assertEquals("198.51.100.8", update.sourceIp());
        assertEquals("req-2", update.requestId());
        assertEquals("stage", update.changes().get(0).field());
    }

    @Test
    void handleRequest_writesARawRow_forARecordItCannotDiff_insteadOfFailingTheBatch() {
        // GIVEN a batch whose second record cannot be diffed (its stamp is not a time)
        DynamodbEvent event = batch("not-a-time");

        // WHEN
        StreamsEventResponse response = handler.handleRequest(event, null);

        // THEN nothing fails: the second record has a raw row keeping its images
        assertEquals(List.of(), response.getBatchItemFailures());
        List<AuditEntry> trail = trail();
        assertEquals(3, trail.size());
        List<AuditEntry> raw = trail.stream().filter(AuditEntry::raw).toList();
        assertEquals(1, raw.size());
        assertTrue(raw.get(0).rawJson().contains("not-a-time"), raw.get(0).rawJson());
    }

    @Test
    void handleRequest_reportsTheFirstRecord_andLeavesTheRestForRedelivery_whenTheTableRefuses() {
        // GIVEN the audit table is not there (an infrastructure failure)
        AuditStreamHandler refused = new AuditStreamHandler(auditIntoAMissingTable());

        // WHEN
        StreamsEventResponse response = refused.handleRequest(batch("2026-11-23T08:05:00Z"), null);

        // THEN the first record is reported, so it and the rest come again
        assertEquals(
                List.of("100"),
                response.getBatchItemFailures().stream()
                        .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                        .toList());
        assertEquals(List.of(), trail());
    }

    /** An audit service over the real engine whose audit table name names no table. */
    private AuditService auditIntoAMissingTable() {
        return new AuditService(
                new AuditStore(
                        dynamo.enhanced(),
                        dynamo.tables().toBuilder().audit("no-such-audit-table").build()),
                Clock.systemUTC(),
                AccessPolicy.standard(),
                (entityId, caller) -> true);
    }

    @Test
    void handleRequest_writesOneBatchLine_andTheAuditRowsWrittenAsAMetric() {
        // GIVEN a batch of three changes
        DynamodbEvent event = batch("2026-11-23T08:05:00Z");
        TestLambdaContext lambda = new TestLambdaContext("req-" + customerId, "AuditFunction");

        // WHEN
        ConsoleLines<StreamsEventResponse> console =
                ConsoleLines.during(() -> handler.handleRequest(event, lambda));

        // THEN
        JsonNode line = console.workLine();
        assertEquals("req-" + customerId, line.path("requestId").asText());
        assertEquals("batch", line.path("kind").asText());
        assertEquals("AuditStream", line.path("operation").asText());
        assertEquals(3, line.path("records").asInt());
        assertEquals(3, line.path("recordsHandled").asInt());
        assertEquals(0, line.path("recordFailures").asInt());
        assertEquals(3, line.path("auditRowsWritten").asInt());
        assertTrue(line.path("dynamoDbCalls").isIntegralNumber(), line.toString());
        JsonNode metrics = console.metricsLine();
        assertEquals(3, metrics.path("AuditRowsWritten").asInt());
        assertEquals("req-" + customerId, metrics.path("requestId").asText());
        assertEquals(
                "AuditRowsWritten",
                metrics.at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText());
    }

    @Test
    void handleRequest_countsTheFailedRecord_inTheBatchLineAndAsAMetric() {
        // GIVEN a batch the audit table refuses
        DynamodbEvent event = batch("2026-11-23T08:05:00Z");
        AuditStreamHandler refused = new AuditStreamHandler(auditIntoAMissingTable());

        // WHEN
        ConsoleLines<StreamsEventResponse> console =
                ConsoleLines.during(() -> refused.handleRequest(event, null));

        // THEN
        JsonNode line = console.workLine();
        assertEquals(3, line.path("records").asInt());
        assertEquals(0, line.path("recordsHandled").asInt());
        assertEquals(1, line.path("recordFailures").asInt());
        JsonNode metrics = console.metricsLine();
        assertEquals(1, metrics.path("StreamRecordFailures").asInt());
    }

    @Test
    void handleRequest_countsRawRows_asAMetricOfTheirOwn() {
        DynamodbEvent event = batch("not-a-time");

        ConsoleLines<StreamsEventResponse> console =
                ConsoleLines.during(() -> handler.handleRequest(event, null));

        JsonNode line = console.workLine();
        assertEquals(3, line.path("auditRowsWritten").asInt());
        assertEquals(1, line.path("auditRawRowsWritten").asInt());
        assertEquals(1, console.metricsLine().path("AuditRawRowsWritten").asInt());
    }
}
