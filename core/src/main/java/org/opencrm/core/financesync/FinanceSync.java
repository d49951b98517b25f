package org.opencrm.core.financesync;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerStage;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.notify.Delivery;
import org.opencrm.core.notify.DeliveryStore;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.notify.TrackedNotification;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * a customer who becomes SIGNED (seen on the customers stream) is pushed to the finance
 * system, through the outbox: one FINANCE_SYNC item per signing (its id derives from the customer
 * and the version that signed), delivered, signed and retried by the dispatcher.
 */
public final class FinanceSync {

    private static final String RECIPIENT = "finance:";
    private static final String FINANCE = "FINANCE";

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

    /** The customers stream's reaction; a record seen twice writes one push. */
    public void onRecord(Record record) {
        var change = record.dynamodb();
        Customer before = change.hasOldImage() ? CustomerStore.fromImage(change.oldImage()) : null;
        Customer after = change.hasNewImage() ? CustomerStore.fromImage(change.newImage()) : null;
        if (after == null || after.fields().stage() != CustomerStage.SIGNED) {
            return;
        }
        if (before != null && before.fields().stage() == CustomerStage.SIGNED) {
            return;
        }
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("customerId", after.id());
        put(facts, "goldenId", after.goldenId());
        put(
                facts,
                "invoiceAmount",
                after.fields().contractAmount() == null
                        ? null
                        : after.fields()
                                .contractAmount()
                                .setScale(2, java.math.RoundingMode.HALF_UP)
                                .toPlainString());
        put(facts, "contractNumber", after.externalIds().get("ERP"));
        facts.put("signedAt", after.updatedAt().toString());
        Notification push =
                Notification.of(
                        after.id() + "#v" + after.version(),
                        RECIPIENT + after.id(),
                        NotificationKind.FINANCE_SYNC,
                        "Customer signed",
                        after.fields().name(),
                        facts,
                        clock.instant());
        outbox.send(push);
        // after the push, and again when the record comes twice: a crash between the two writes
        // is mended by the stream's redelivery
        latestPushes.record(after.id(), after.version(), push.id());
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
