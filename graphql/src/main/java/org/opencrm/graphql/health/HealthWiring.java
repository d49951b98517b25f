package org.opencrm.graphql.health;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.health.Health;
import org.opencrm.core.health.HealthEntry;
import org.opencrm.core.health.HealthGroupBy;
import org.opencrm.core.health.HealthService;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.graphql.customer.CustomerNode;
import org.opencrm.graphql.loaders.HealthLoader;
import org.opencrm.graphql.loaders.VisibleRecordLoader;
import org.opencrm.graphql.relay.Connections;

/** Binds health.graphqls (and Customer.health) to customer health (issue 17, R-26). */
public final class HealthWiring {

    private final HealthService health;

    public HealthWiring(HealthService health) {
        this.health = health;
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type(
                "Query",
                type ->
                        type.dataFetcher("observationPool", this::queryObservationPool)
                                .dataFetcher("dataHealth", this::queryDataHealth));
        // every customer of the response in one batch: see HealthLoader
        wiring.type("Customer", type -> type.dataFetcher("health", HealthWiring::customerHealth));
        wiring.type("HealthEntry", type -> type.dataFetcher("customer", HealthWiring::customer));
    }

    private static CompletableFuture<Health> customerHealth(DataFetchingEnvironment env) {
        CustomerNode customer = env.getSource();
        DataLoader<String, Health> loader = env.getDataLoader(HealthLoader.NAME);
        return loader.load(customer.id());
    }

    /** The customer, batched with every other record read of the response; null out of scope. */
    private static CompletableFuture<CustomerNode> customer(DataFetchingEnvironment env) {
        HealthEntry entry = env.getSource();
        DataLoader<String, Customer> loader = env.getDataLoader(VisibleRecordLoader.CUSTOMER);
        return loader.load(entry.customerId(), caller(env))
                .thenApply(customer -> customer == null ? null : CustomerNode.of(customer));
    }

    private Object queryObservationPool(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        return Connections.of(health.observationPool(page, caller(env)));
    }

    private Object queryDataHealth(DataFetchingEnvironment env) {
        String groupBy = env.getArgument("groupBy");
        return health.dataHealth(HealthGroupBy.valueOf(groupBy), caller(env));
    }
}
