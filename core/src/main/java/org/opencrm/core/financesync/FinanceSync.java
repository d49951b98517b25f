package org.opencrm.core.financesync;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.contract.Contract;
import org.opencrm.core.contract.ContractStatus;
import org.opencrm.core.contract.ContractStore;
import org.opencrm.core.money.Fen;
import org.opencrm.core.notify.Delivery;
import org.opencrm.core.notify.DeliveryStore;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.notify.RobotMessages;
import org.opencrm.core.notify.TrackedNotification;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * a contract that becomes SIGNED (seen on the contracts stream) is pushed to the finance
 * system, through the outbox: one FINANCE_SYNC item per signing (its id derives from the contract
 * and the version that signed it), delivered, signed and retried by the dispatcher. The push
 * carries the real contract number and the amount to invoice; the dispatcher adds the payee
 * account, and every value goes out with its source stamp ({@link RobotMessages#finance}). The
 * pushes are filed per customer, so a customer's sync status is its latest contract's push.
 */
public final class FinanceSync {

    private static final String RECIPIENT = "finance:";
    private static final String FINANCE = "FINANCE";

    /** The system every value of a push comes from: this CRM. */
    public static final String SOURCE_SYSTEM = "crm";

    private final NotificationOutbox outbox;
    private final DeliveryStore deliveries;
    private final LatestPushStore latestPushes;
    private final Clock clock;

    public FinanceSync(
            NotificationOutbox outbox,
            DeliveryStore deliveries,
            LatestPushStore latestPushes,
            Clock clock) {
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.latestPushes = latestPushes;
        this.clock = clock;
    }

    /** The contracts stream's reaction; a record seen twice writes one push. */
    public void onRecord(Record record) {
        var change = record.dynamodb();
        Contract before =
                change.hasOldImage()
                        ? ContractStore.fromImage(change.oldImage()).orElse(null)
                        : null;
        Contract after =
                change.hasNewImage()
                        ? ContractStore.fromImage(change.newImage()).orElse(null)
                        : null;
        if (after == null || after.status() != ContractStatus.SIGNED) {
            return;
        }
        if (before != null && before.status() == ContractStatus.SIGNED) {
            return;
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("customerId", after.customerId());
        put(facts, "goldenId", after.goldenId());
        facts.put("contractId", after.id());
        facts.put("contractNumber", after.number());
        facts.put("invoiceAmount", Fen.format(after.amountFen()));
        facts.put("taxAmount", Fen.format(after.taxFen()));
        facts.put("signedAt", after.signedAt().toString());
        // when the CRM recorded the values pushed: the write that signed the contract
        facts.put("sourceSystem", SOURCE_SYSTEM);
        facts.put("stampedAt", after.updatedAt().toString());
        Notification push =
                Notification.of(
                        after.id() + "#v" + after.version(),
                        RECIPIENT + after.customerId(),
                        NotificationKind.FINANCE_SYNC,
                        "Contract signed",
                        after.number(),
                        facts,
                        clock.instant());
        outbox.send(push);
        // after the push, and again when the record comes twice: a crash between the two writes
        // is mended by the stream's redelivery. A customer's later signing writes later, so the
        // write time orders its pushes.
        latestPushes.record(after.customerId(), after.updatedAt().toEpochMilli(), push.id());
    }

    /** The latest push of a customer and how its delivery stands; empty when never signed. */
    public Optional<Delivery> status(String customerId) {
        return Optional.ofNullable(statuses(List.of(customerId)).get(customerId));
    }

    /**
     * How each customer's latest push stands, for those ever signed: two batch reads per 100
     * customers (their pointers, then the pushes), however many there are.
     */
    public Map<String, Delivery> statuses(Collection<String> customerIds) {
        Map<String, String> pushIds = latestPushes.latest(customerIds);
        Map<String, TrackedNotification> pushes = deliveries.findAll(pushIds.values());
        Map<String, Delivery> statuses = new HashMap<>();
        pushIds.forEach(
                (customerId, pushId) -> {
                    TrackedNotification push = pushes.get(pushId);
                    if (push != null) {
                        statuses.put(customerId, financeDelivery(push));
                    }
                });
        return statuses;
    }

    /** The push's FINANCE delivery; pending while the dispatcher has not planned it yet. */
    private static Delivery financeDelivery(TrackedNotification push) {
        return push.deliveries().stream()
                .filter(delivery -> delivery.channel().equals(FINANCE))
                .findFirst()
                .orElseGet(() -> Delivery.pending(FINANCE));
    }

    private static void put(Map<String, String> facts, String key, String value) {
        if (value != null) {
            facts.put(key, value);
        }
    }
}
