package org.opencrm.core.health;

import java.time.Clock;
import java.util.List;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.activity.ActivityStore;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.deal.DealStore;
import org.opencrm.core.lead.LeadStore;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Customer health (issue 17, R-26), wired once: the readers' service, the reactor, the pass. */
public record CustomerHealth(
        HealthService service, HealthKeeper keeper, HealthReactor reactor, HealthNightly nightly) {

    /** What customer health is built over. */
    public record Parts(
            DynamoDbClient dynamo,
            DynamoDbEnhancedClient enhanced,
            TableNames tables,
            CustomerService customers,
            LeadStore leads,
            DealStore deals,
            NotificationOutbox outbox,
            AccessPolicy policy,
            ConfigService config) {}

    /**
     * @param extraSources more work that counts as activity (tickets), after activities and deals
     */
    public static CustomerHealth over(Parts parts, List<TouchSource> extraSources, Clock clock) {
        HealthStore store = new HealthStore(parts.dynamo(), parts.enhanced(), parts.tables());
        CustomerStore customerStore = new CustomerStore(parts.enhanced(), parts.tables());
        List<TouchSource> sources =
                new java.util.ArrayList<>(
                        List.of(
                                new ActivityTouches(
                                        new ActivityStore(
                                                parts.dynamo(), parts.enhanced(), parts.tables())),
                                new DealTouches(parts.deals())));
        sources.addAll(extraSources);
        HealthKeeper keeper =
                new HealthKeeper(
                        new HealthKeeper.Parts(
                                customerStore,
                                parts.leads(),
                                sources,
                                store,
                                parts.config(),
                                clock));
        return new CustomerHealth(
                new HealthService(store, parts.policy(), parts.config()),
                keeper,
                new HealthReactor(keeper),
                new HealthNightly(
                        new HealthNightly.Parts(
                                customerStore,
                                parts.customers(),
                                keeper,
                                store,
                                parts.outbox(),
                                parts.config(),
                                clock)));
    }
}
