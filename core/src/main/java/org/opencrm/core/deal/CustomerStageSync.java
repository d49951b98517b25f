package org.opencrm.core.deal;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerStage;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.store.ConflictRetry;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The deals stream's reaction that keeps each customer's stage derived from its deals ({@link
 * CustomerStageRule}). Idempotent: it recomputes from the customer's deals as they are now, so a
 * record seen twice or out of order writes nothing or the same; the customer is written only when
 * its stage differs, version-checked, re-read and retried on a conflict.
 */
public final class CustomerStageSync {

    /** The actor of the customer writes this makes, in the audit trail. */
    public static final String SYSTEM = "system:deal-stage";

    private final DealStore deals;
    private final CustomerStore customers;
    private final ConfigService config;
    private final Clock clock;

    public CustomerStageSync(
            DealStore deals, CustomerStore customers, ConfigService config, Clock clock) {
        this.deals = deals;
        this.customers = customers;
        this.config = config;
        this.clock = clock;
    }

    /** A deal created, moved or removed: its customer's stage is recomputed. */
    public void onRecord(Record record) {
        var change = record.dynamodb();
        Optional<Deal> before =
                DealStore.fromImage(change.hasOldImage() ? change.oldImage() : null);
        Optional<Deal> after = DealStore.fromImage(change.hasNewImage() ? change.newImage() : null);
        Optional<Deal> deal = after.or(() -> before);
        if (deal.isEmpty()) {
            return; // a history row or a stage entry: no deal changed
        }
        boolean stageChanged = !Objects.equals(before.map(Deal::stage), after.map(Deal::stage));
        if (stageChanged) {
            sync(deal.get().customerId());
        }
    }

    /**
     * Sets the customer's stage to what its deals say; returns the stage it has afterwards, or
     * empty when the customer is gone (its deals outlive a deleted customer).
     */
    public Optional<CustomerStage> sync(String customerId) {
        return ConflictRetry.standard()
                .run(
                        attempt -> {
                            Optional<Customer> found = customers.find(customerId);
                            if (found.isEmpty()) {
                                return Optional.<CustomerStage>empty();
                            }
                            Customer current = found.get();
                            CustomerStage derived =
                                    CustomerStageRule.derive(
                                            config.current(Pipeline.DEFINITION),
                                            deals.ofCustomer(customerId).stream()
                                                    .map(Deal::stage)
                                                    .toList());
                            if (current.fields().stage() == derived) {
                                return Optional.of(derived);
                            }
                            Instant now = clock.instant();
                            customers.replace(
                                    current,
                                    current.withFields(
                                            current.fields().toBuilder().stage(derived).build(),
                                            now),
                                    new WriteStamp(SYSTEM, "deal-stage:" + customerId, null, now));
                            return Optional.of(derived);
                        });
    }
}
