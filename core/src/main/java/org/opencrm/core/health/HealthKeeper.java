package org.opencrm.core.health;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadStore;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.ConflictRetry;

/**
 * Keeps a customer's stored health current: reads the customer and what was done with it, scores it
 * ({@link HealthScore}) and writes the score only when it says something new, so recomputing twice
 * (a redelivered stream record, the nightly pass after the reactor) writes nothing the second time.
 * A lost race (two recomputations of one customer) is read and decided again.
 */
public final class HealthKeeper {

    /** A customer that came from no lead was entered by hand. */
    public static final String DIRECT = "DIRECT";

    private final CustomerStore customers;
    private final LeadStore leads;
    private final List<TouchSource> sources;
    private final HealthStore store;
    private final ConfigService config;
    private final Clock clock;

    /** What the keeper reads and writes. */
    public record Parts(
            CustomerStore customers,
            LeadStore leads,
            List<TouchSource> sources,
            HealthStore store,
            ConfigService config,
            Clock clock) {}

    public HealthKeeper(Parts parts) {
        this.customers = parts.customers();
        this.leads = parts.leads();
        this.sources = List.copyOf(parts.sources());
        this.store = parts.store();
        this.config = parts.config();
        this.clock = parts.clock();
    }

    /**
     * The outcome of one recomputation.
     *
     * @param customer as read; null when it is gone (deleted)
     * @param written whether anything was written
     */
    public record Recomputed(
            Customer customer, StoredHealth health, Touches touches, boolean written) {}

    /** Recomputes {@code customerId}'s health as the customer is now; empty when there is none. */
    public Optional<Recomputed> recompute(String customerId) {
        Optional<Customer> customer = customers.find(customerId);
        if (customer.isPresent()) {
            return Optional.of(recompute(customer.get()));
        }
        // a deleted customer leaves every list and average; its last score stays for the record
        return ConflictRetry.standard()
                .run(
                        attempt ->
                                store.find(customerId)
                                        .filter(stored -> !stored.partitions().isEmpty())
                                        .map(
                                                stored ->
                                                        new Recomputed(
                                                                null,
                                                                store.save(
                                                                        Optional.of(stored),
                                                                        stored.toBuilder()
                                                                                .partitions(
                                                                                        List.of())
                                                                                .computedAt(
                                                                                        clock
                                                                                                .instant())
                                                                                .build()),
                                                                Touches.NONE,
                                                                true)));
    }

    /** Recomputes the health of {@code customer} as given (the nightly pass's page of them). */
    public Recomputed recompute(Customer customer) {
        HealthRules rules = config.current(HealthRules.DEFINITION);
        Instant now = clock.instant();
        Touches touches = touchesOf(customer.id(), since(now, rules));
        Health health = HealthScore.of(customer, touches, rules);
        StoredHealth next =
                StoredHealth.builder()
                        .customerId(customer.id())
                        .score(health.score())
                        .components(health.components())
                        .partitions(HealthPartitions.of(customer, channelOf(customer.id())))
                        .ownerId(customer.ownerId())
                        .lastTouchAt(touches.lastAt())
                        .computedAt(now)
                        .build();
        return ConflictRetry.standard()
                .run(
                        attempt -> {
                            Optional<StoredHealth> stored = store.find(customer.id());
                            if (stored.isPresent() && stored.get().sameAs(next)) {
                                return new Recomputed(customer, stored.get(), touches, false);
                            }
                            return new Recomputed(
                                    customer, store.save(stored, next), touches, true);
                        });
    }

    private Touches touchesOf(String customerId, Instant since) {
        Touches touches = Touches.NONE;
        for (TouchSource source : sources) {
            touches = source.addTo(touches, customerId, since);
        }
        return touches;
    }

    /** The channel of the lead the customer came from; {@link #DIRECT} when none. */
    private String channelOf(String customerId) {
        return leads.ofCustomer(customerId, new PageRequest(1, Optional.empty())).entries().stream()
                .map(entry -> entry.item())
                .map(Lead::channel)
                .findFirst()
                .orElse(DIRECT);
    }

    static Instant since(Instant now, HealthRules rules) {
        return now.atOffset(ZoneOffset.UTC).minusMonths(rules.activityMonths()).toInstant();
    }
}
