package org.opencrm.core.deal;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.store.ConflictRetry;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The customers stream's reaction that keeps a customer's open deals owned like the customer: a
 * hand-over, an offboarding, a team or region change moves them too (owner, team, region, their
 * index keys and their stage entries, all rewritten by {@link DealStore#replace}). Through the
 * stream rather than in each customer operation, because owner, team and region change in several
 * (update, hand-over, team follow-up) and the stream sees them all; and because {@code deal}
 * depends on {@code customer}, not the reverse. Won and lost deals keep who won or lost them.
 * Idempotent: it reads the customer and the deals as they are now and writes only what differs.
 */
public final class DealsFollowCustomer {

    public static final String SYSTEM = "system:deal-ownership";

    private final DealStore deals;
    private final CustomerStore customers;
    private final ConfigService config;
    private final Clock clock;

    public DealsFollowCustomer(
            DealStore deals, CustomerStore customers, ConfigService config, Clock clock) {
        this.deals = deals;
        this.customers = customers;
        this.config = config;
        this.clock = clock;
    }

    public void onRecord(Record record) {
        var change = record.dynamodb();
        Customer before = change.hasOldImage() ? CustomerStore.fromImage(change.oldImage()) : null;
        Customer after = change.hasNewImage() ? CustomerStore.fromImage(change.newImage()) : null;
        if (after == null) {
            return;
        }
        if (before != null && before.ownership().equals(after.ownership())) {
            return;
        }
        follow(after.id());
    }

    /** Moves the customer's open deals to its owner, team and region; returns how many moved. */
    public int follow(String customerId) {
        Optional<Customer> customer = customers.find(customerId);
        if (customer.isEmpty()) {
            return 0;
        }
        Pipeline pipeline = config.current(Pipeline.DEFINITION);
        int moved = 0;
        for (Deal listed : deals.ofCustomer(customerId)) {
            if (followOne(listed, customer.get(), pipeline)) {
                moved++;
            }
        }
        return moved;
    }

    /** The listed copy first; after a conflict, the deal as it is now. */
    private boolean followOne(Deal listed, Customer customer, Pipeline pipeline) {
        return ConflictRetry.standard()
                .run(
                        attempt -> {
                            Deal current =
                                    attempt == 1 ? listed : deals.find(listed.id()).orElse(null);
                            if (current == null || !needsToFollow(current, customer, pipeline)) {
                                return false;
                            }
                            Instant now = clock.instant();
                            Deal next =
                                    current.toBuilder()
                                            .ownerId(customer.ownerId())
                                            .team(customer.team())
                                            .region(customer.fields().region())
                                            .updatedAt(now)
                                            .build();
                            deals.replace(
                                    current,
                                    next,
                                    null,
                                    pipeline,
                                    new WriteStamp(SYSTEM, "follow:" + customer.id(), null, now));
                            return true;
                        });
    }

    private static boolean needsToFollow(Deal deal, Customer customer, Pipeline pipeline) {
        boolean open =
                pipeline.stage(deal.stage()).map(PipelineStage::type).orElse(StageType.OPEN)
                        == StageType.OPEN;
        return open
                && !(Objects.equals(deal.ownerId(), customer.ownerId())
                        && Objects.equals(deal.team(), customer.team())
                        && Objects.equals(deal.region(), customer.fields().region()));
    }
}
