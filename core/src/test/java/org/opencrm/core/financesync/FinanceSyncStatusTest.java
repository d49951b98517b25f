package org.opencrm.core.financesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.contract.Contract;
import org.opencrm.core.contract.ContractInput;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerBulkLoader;
import org.opencrm.core.customer.CustomerFields;
import org.opencrm.core.customer.CustomerStage;
import org.opencrm.core.notify.Delivery;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.time.AppClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * R-10 from the contracts stream: a contract's signing is pushed once with its real number and
 * amount, and Customer.syncStatus's source (each customer's latest push) is found for many
 * customers at once.
 */
class FinanceSyncStatusTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = dynamo.services(clock);
    private final FinanceSync financeSync = services.financeSync();
    private final Caller finance = TestCallers.of(Role.FINANCE, null, null);

    @Test
    void statuses_answerEverySignedCustomer_pastOneBatchOf100_andNoneNeverSigned() {
        // GIVEN 120 customers with a signed contract each, each signing pushed, and one never
        // signed
        List<String> signed = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String id = customer();
            financeSync.onRecord(inserted(signedContract(id)));
            signed.add(id);
        }
        String neverSigned = customer();
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
    void onRecord_pushesTheSigningOnce_withTheRealContractNumberAndAmount_notADraftOrApproval() {
        // GIVEN a contract drafted, approved, then signed: three stream records
        String customerId = customer();
        Contract draft =
                services.contracts()
                        .create(
                                ContractInput.builder()
                                        .number(number())
                                        .customerId(customerId)
                                        .amount(12_800_050L)
                                        .taxRate("0.13")
                                        .build(),
                                finance);
        Map<String, AttributeValue> drafted = image(draft.id());
        Contract approved = services.contracts().approve(draft.id(), 1, finance);
        Map<String, AttributeValue> approvedImage = image(draft.id());
        services.contracts().sign(draft.id(), clock.instant(), approved.version(), finance);
        Map<String, AttributeValue> signedImage = image(draft.id());

        // WHEN the stream delivers them, the signing twice
        financeSync.onRecord(inserted(drafted));
        financeSync.onRecord(modified(drafted, approvedImage));
        financeSync.onRecord(modified(approvedImage, signedImage));
        financeSync.onRecord(modified(approvedImage, signedImage));

        // THEN one push, carrying the contract's number and amount with their source stamp
        List<Notification> pushes = pushes(customerId);
        assertEquals(1, pushes.size());
        Map<String, String> payload = pushes.get(0).payload();
        assertEquals(draft.number(), payload.get("contractNumber"));
        assertEquals("128000.50", payload.get("invoiceAmount"));
        assertEquals(draft.id(), payload.get("contractId"));
        assertEquals("crm", payload.get("sourceSystem"));
        assertEquals(
                services.contracts().get(draft.id(), finance).updatedAt().toString(),
                payload.get("stampedAt"));
    }

    @Test
    void status_followsTheLatestSigning_evenWhenTheEarlierSigningsRecordComesAgainLater() {
        // GIVEN a customer who signed one contract, then (a minute later) a second one
        String id = customer();
        Map<String, AttributeValue> first = signedContract(id);
        financeSync.onRecord(inserted(first));
        clock.advance(Duration.ofMinutes(1));
        financeSync.onRecord(inserted(signedContract(id)));
        String latestPush = pushIds(id).get(0);
        services.dispatcher().dispatch(latestPush);

        // WHEN the first signing's record is delivered once more
        financeSync.onRecord(inserted(first));

        // THEN the status is still the second push's, as the dispatcher left it
        Delivery expected =
                services.deliveries().find(latestPush).orElseThrow().deliveries().stream()
                        .filter(delivery -> delivery.channel().equals("FINANCE"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(2, pushIds(id).size(), "one push per signing");
        assertEquals(expected, financeSync.status(id).orElseThrow());
        assertNotEquals(Delivery.pending("FINANCE"), expected, "the latest push was tried");
    }

    private List<Notification> pushes(String customerId) {
        return services
                .outbox()
                .inbox("finance:" + customerId, false, PageRequest.of(10, null))
                .entries()
                .stream()
                .map(entry -> entry.item())
                .toList();
    }

    private List<String> pushIds(String customerId) {
        return pushes(customerId).stream().map(Notification::id).toList();
    }

    private static String number() {
        return "FS-" + UUID.randomUUID();
    }

    /** A contract of the customer signed on paper, as its item is stored. */
    private Map<String, AttributeValue> signedContract(String customerId) {
        Contract contract =
                services.contracts()
                        .create(
                                ContractInput.builder()
                                        .number(number())
                                        .customerId(customerId)
                                        .amount(100_000L)
                                        .taxRate("0.13")
                                        .signedAt(clock.instant())
                                        .build(),
                                finance);
        return image(contract.id());
    }

    private String customer() {
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
                                CustomerStage.NEW,
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

    /** The contract's item as stored now. */
    private Map<String, AttributeValue> image(String contractId) {
        return dynamo.client()
                .getItem(
                        request ->
                                request.tableName(dynamo.tables().contracts())
                                        .key(Map.of("id", AttributeValue.fromS(contractId))))
                .item();
    }

    private static Record inserted(Map<String, AttributeValue> newImage) {
        return Record.builder()
                .eventName(OperationType.INSERT)
                .dynamodb(StreamRecord.builder().newImage(newImage).build())
                .build();
    }

    private static Record modified(
            Map<String, AttributeValue> oldImage, Map<String, AttributeValue> newImage) {
        return Record.builder()
                .eventName(OperationType.MODIFY)
                .dynamodb(StreamRecord.builder().oldImage(oldImage).newImage(newImage).build())
                .build();
    }
}
