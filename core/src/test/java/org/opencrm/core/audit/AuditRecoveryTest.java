package org.opencrm.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestCallers;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Re-drive and completeness check over the embedded engine's real streams and audit table. */
class AuditRecoveryTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final CoreServices services = dynamo.services(Clock.systemUTC());
    private final CustomerService customers = services.customers();
    private final AuditService audit = services.audit();
    private final DynamoDbStreamsClient streamsClient = dynamo.streams();
    private final AuditStreams streams = new AuditStreams(streamsClient);
    private final AuditStore store = new AuditStore(dynamo.enhanced(), dynamo.tables());
    private final Caller rep = TestCallers.freshRep("east");
    private final String customersTable = dynamo.tables().customers();
    private final String streamArn =
            streamsClient
                    .listStreams(b -> b.tableName(customersTable))
                    .streams()
                    .get(0)
                    .streamArn();

    @Test
    void redrive_recordsExactlyTheGivenUpBatch_once() {
        // GIVEN a customer written three times, none of it audited yet
        Customer created = customerChangedThreeTimes();
        List<Record> changes =
                new StreamReader(streamsClient).recordsFor(customersTable, created.id());
        String onFailure = onFailureRecord(changes);
        AuditRedrive redrive = new AuditRedrive(streams, audit);

        // WHEN the on-failure record is re-driven, twice
        AuditRedrive.Outcome first = redrive.redrive(onFailure);
        AuditRedrive.Outcome second = redrive.redrive(onFailure);

        // THEN each version has its row, written by the first run only
        assertEquals(new AuditRedrive.Outcome(3, 3), first);
        assertEquals(new AuditRedrive.Outcome(3, 0), second);
        assertEquals(List.of(3L, 2L, 1L), versionsInTrail(created.id()));
    }

    @Test
    void check_findsTheVersionsWithoutARow_andNothingOnceTheyAreRecorded() {
        // GIVEN a customer written three times of which only the first change was recorded
        Instant from = Instant.now().minusSeconds(60);
        Customer created = customerChangedThreeTimes();
        List<Record> changes =
                new StreamReader(streamsClient).recordsFor(customersTable, created.id());
        audit.record(changes.get(0));
        AuditCompleteness completeness =
                new AuditCompleteness(
                        streams, store, List.of(streamArn), services.outbox(), services.users());
        Instant to = Instant.now().plusSeconds(60);

        // WHEN the window is checked
        List<Long> missing = missingVersionsOf(completeness.check(from, to), created.id());

        // THEN versions 2 and 3 are gaps; once recorded, there are none
        assertEquals(List.of(2L, 3L), missing);
        changes.forEach(audit::record);
        assertEquals(List.of(), missingVersionsOf(completeness.check(from, to), created.id()));
    }

    @Test
    void check_leavesOutChangesOutsideTheWindow() {
        Customer created = customerChangedThreeTimes();
        AuditCompleteness completeness =
                new AuditCompleteness(
                        streams, store, List.of(streamArn), services.outbox(), services.users());

        Instant past = Instant.now().minusSeconds(3600);
        AuditCompleteness.Report report = completeness.check(past, past.plusSeconds(60));

        assertEquals(List.of(), missingVersionsOf(report, created.id()));
    }

    private Customer customerChangedThreeTimes() {
        Customer created =
                customers.create(
                        CustomerInput.builder()
                                .name("Wei")
                                .phone(TestCallers.uniqueMobile())
                                .build(),
                        rep);
        customers.update(created.id(), 1, CustomerInput.builder().remark("called").build(), rep);
        customers.update(
                created.id(), 2, CustomerInput.builder().remark("called again").build(), rep);
        return created;
    }

    /** Lambda's on-failure record for a batch of these records, naming the shard they are in. */
    private String onFailureRecord(List<Record> batch) {
        String first = batch.get(0).dynamodb().sequenceNumber();
        String last = batch.get(batch.size() - 1).dynamodb().sequenceNumber();
        return """
                {"requestContext": {"condition": "RetryAttemptsExhausted"},
                 "DDBStreamBatchInfo": {"shardId": "%s", "startSequenceNumber": "%s",
                  "endSequenceNumber": "%s", "batchSize": %d, "streamArn": "%s"}}
                """
                .formatted(shardHolding(first), first, last, batch.size(), streamArn);
    }

    private String shardHolding(String sequenceNumber) {
        for (Shard shard :
                streamsClient
                        .describeStream(b -> b.streamArn(streamArn))
                        .streamDescription()
                        .shards()) {
            try {
                streamsClient.getShardIterator(
                        b ->
                                b.streamArn(streamArn)
                                        .shardId(shard.shardId())
                                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                                        .sequenceNumber(sequenceNumber));
                return shard.shardId();
            } catch (RuntimeException notInThisShard) {
                // try the next shard
            }
        }
        throw new AssertionError("no shard holds " + sequenceNumber);
    }

    private List<Long> versionsInTrail(String id) {
        List<Long> versions = new ArrayList<>();
        audit.trail(id, PageRequest.of(20, null), rep)
                .entries()
                .forEach(edge -> versions.add(edge.item().version()));
        return versions;
    }

    private static List<Long> missingVersionsOf(AuditCompleteness.Report report, String id) {
        return report.gaps().stream()
                .filter(gap -> gap.entityId().equals(id))
                .map(AuditCompleteness.Gap::version)
                .sorted()
                .toList();
    }
}
