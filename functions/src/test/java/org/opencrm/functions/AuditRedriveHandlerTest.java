package org.opencrm.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.audit.AuditEntry;
import org.opencrm.core.audit.AuditRedrive;
import org.opencrm.core.audit.AuditService;
import org.opencrm.core.audit.AuditStore;
import org.opencrm.core.audit.AuditStreams;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestCallers;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The re-drive handler over the embedded engine's real stream and audit table. */
class AuditRedriveHandlerTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final CoreServices services = dynamo.services(Clock.systemUTC());
    private final DynamoDbStreamsClient streams = dynamo.streams();
    private final Caller rep = TestCallers.freshRep("east");
    private final Caller admin = TestCallers.of(Role.ADMIN, null, null);
    private final String customersTable = dynamo.tables().customers();
    private final String streamArn =
            streams.listStreams(b -> b.tableName(customersTable)).streams().get(0).streamArn();

    private AuditRedriveHandler handlerOver(AuditService audit) {
        return new AuditRedriveHandler(new AuditRedrive(new AuditStreams(streams), audit));
    }

    @Test
    void handleRequest_recordsTheGivenUpBatch_andReportsOnlyTheMessageItCannotRead() {
        // GIVEN a customer created and updated, none of it audited, and a message that is not an
        // on-failure record
        Customer customer = createdAndUpdated();
        SQSEvent event =
                event(message("m-good", onFailureRecordFor(customer)), message("m-bad", "{}"));

        // WHEN
        SQSBatchResponse response = handlerOver(services.audit()).handleRequest(event, null);

        // THEN both versions have their row; only the unreadable message comes again
        assertEquals(List.of("m-bad"), failedIds(response));
        assertEquals(
                List.of(2L, 1L),
                services
                        .audit()
                        .trail(customer.id(), PageRequest.of(10, null), admin)
                        .entries()
                        .stream()
                        .map(edge -> edge.item())
                        .map(AuditEntry::version)
                        .toList());
    }

    @Test
    void handleRequest_reportsTheMessage_whileTheAuditTableRefuses() {
        Customer customer = createdAndUpdated();
        AuditService refusing =
                new AuditService(
                        new AuditStore(
                                dynamo.enhanced(),
                                dynamo.tables().toBuilder().audit("no-such-audit-table").build()),
                        Clock.systemUTC(),
                        AccessPolicy.standard(),
                        (entityId, caller) -> true);

        SQSBatchResponse response =
                handlerOver(refusing)
                        .handleRequest(event(message("m-1", onFailureRecordFor(customer))), null);

        assertEquals(List.of("m-1"), failedIds(response));
    }

    private Customer createdAndUpdated() {
        Customer created =
                services.customers()
                        .create(
                                CustomerInput.builder()
                                        .name("Redrive")
                                        .phone(TestCallers.uniqueMobile())
                                        .build(),
                                rep);
        return services.customers()
                .update(created.id(), 1, CustomerInput.builder().remark("redriven").build(), rep);
    }

    /** Lambda's on-failure record for the customer's stream records. */
    private String onFailureRecordFor(Customer customer) {
        List<Record> records = new StreamReader(streams).recordsFor(customersTable, customer.id());
        String first = records.get(0).dynamodb().sequenceNumber();
        String last = records.get(records.size() - 1).dynamodb().sequenceNumber();
        return """
                {"requestContext": {"condition": "RecordAgeExceeded"},
                 "DDBStreamBatchInfo": {"shardId": "%s", "startSequenceNumber": "%s",
                  "endSequenceNumber": "%s", "batchSize": %d, "streamArn": "%s"}}
                """
                .formatted(shardHolding(first), first, last, records.size(), streamArn);
    }

    private String shardHolding(String sequenceNumber) {
        for (Shard shard :
                streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
            try {
                streams.getShardIterator(
                        b ->
                                b.streamArn(streamArn)
                                        .shardId(shard.shardId())
                                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                                        .sequenceNumber(sequenceNumber));
                return shard.shardId();
            } catch (RuntimeException notInThisShard) {
                // the next shard
            }
        }
        throw new AssertionError("no shard holds " + sequenceNumber);
    }

    private static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id + "-" + UUID.randomUUID());
        message.setBody(body);
        return message;
    }

    private static SQSEvent event(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return event;
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .map(id -> id.substring(0, id.indexOf('-', 2)))
                .toList();
    }
}
