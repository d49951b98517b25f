package org.opencrm.core.financesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerBulkLoader;
import org.opencrm.core.customer.CustomerFields;
import org.opencrm.core.customer.CustomerStage;
import org.opencrm.core.notify.Delivery;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.testing.LocalDynamo;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/** Customer.syncStatus's source: each customer's latest push, found for many customers at once. */
class FinanceSyncStatusTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final CoreServices services = dynamo.services(Clock.systemUTC());
    private final FinanceSync financeSync = services.financeSync();

    @Test
    void statuses_answerEverySignedCustomer_pastOneBatchOf100_andNoneNeverSigned() {
        // GIVEN 120 signed customers, each with a push, and one never signed
        List<String> signed = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String id = customer(CustomerStage.SIGNED);
            financeSync.onRecord(signing(image(id, 1)));
            signed.add(id);
        }
        String neverSigned = customer(CustomerStage.NEW);
        List<String> all = new ArrayList<>(signed);
        all.add(neverSigned);

        // WHEN their statuses are read together
        Map<String, Delivery> statuses = financeSync.statuses(all);

        // THEN each signed one has its push, not yet planned; the other has none
        assertEquals(120, statuses.size());
        for (String id : signed) {
            assertEquals(Delivery.pending("FINANCE"), statuses.get(id), "status of " + id);
        }
        assertFalse(statuses.containsKey(neverSigned));
        assertTrue(financeSync.status(neverSigned).isEmpty());
    }

    @Test
    void status_followsTheLatestSigning_evenWhenTheEarlierSigningsRecordComesAgainLater() {
        // GIVEN a customer signed at version 1, then (after a lost deal) signed again at version 4
        String id = customer(CustomerStage.SIGNED);
        financeSync.onRecord(signing(image(id, 1)));
        financeSync.onRecord(signing(image(id, 4)));
        String latestPush = pushIds(id).get(0);
        services.dispatcher().dispatch(latestPush);

        // WHEN the first signing's record is delivered once more
        financeSync.onRecord(signing(image(id, 1)));

        // THEN the status is still the second push's, as the dispatcher left it
        Delivery expected =
                services.deliveries().find(latestPush).orElseThrow().deliveries().stream()
                        .filter(delivery -> delivery.channel().equals("FINANCE"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(2, pushIds(id).size(), "one push per signing");
        assertTrue(latestPush.contains("#v4#"), latestPush);
        assertEquals(expected, financeSync.status(id).orElseThrow());
        assertNotEquals(Delivery.pending("FINANCE"), expected, "the latest push was tried");
    }

    private List<String> pushIds(String customerId) {
        return services
                .outbox()
                .inbox("finance:" + customerId, false, PageRequest.of(10, null))
                .entries()
                .stream()
                .map(entry -> entry.item().id())
                .toList();
    }

    private String customer(CustomerStage stage) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Customer customer =
                new Customer(
                        id,
                        0,
                        new CustomerFields(
                                "Customer " + id,
                                "+86138"
                                        + String.format(
                                                "%08d", Math.floorMod(id.hashCode(), 100_000_000)),
                                null,
                                null,
                                stage,
                                null,
                                "east"),
                        "rep-" + id,
                        now,
                        now,
                        false,
                        null);
        new CustomerBulkLoader(dynamo.client(), dynamo.tables())
                .load(List.of(customer), new WriteStamp("test", "seed", "127.0.0.1", now));
        return id;
    }

    /** The customer's item as stored, at the version given (as a later write would have it). */
    private Map<String, AttributeValue> image(String customerId, long version) {
        Map<String, AttributeValue> item =
                new HashMap<>(
                        dynamo.client()
                                .getItem(
                                        request ->
                                                request.tableName(dynamo.tables().customers())
                                                        .key(
                                                                Map.of(
                                                                        "id",
                                                                        AttributeValue.fromS(
                                                                                customerId))))
                                .item());
        item.put("version", AttributeValue.fromN(Long.toString(version)));
        return item;
    }

    private static Record signing(Map<String, AttributeValue> newImage) {
        return Record.builder()
                .eventName(OperationType.MODIFY)
                .dynamodb(StreamRecord.builder().newImage(newImage).build())
                .build();
    }
}
