package org.opencrm.graphql.anomaly;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.opencrm.core.anomaly.AnomalyDecision;
import org.opencrm.core.anomaly.AnomalyKind;
import org.opencrm.core.anomaly.AnomalyService;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.graphql.customer.CustomerNode;
import org.opencrm.graphql.loaders.VisibleRecordLoader;
import org.opencrm.graphql.relay.Connections;

/** Binds anomalies.graphqls to the anomaly use cases. */
public final class AnomalyWiring {

    private final AnomalyService anomalies;

    public AnomalyWiring(AnomalyService anomalies) {
        this.anomalies = anomalies;
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type.dataFetcher("anomalies", this::queryAnomalies));
        wiring.type("Mutation", type -> type.dataFetcher("reviewAnomaly", this::mutationReview));
        wiring.type("Anomaly", type -> type.dataFetcher("customer", AnomalyWiring::customer));
    }

    /** The customer, batched with every other record read of the response; null out of scope. */
    private static CompletableFuture<CustomerNode> customer(DataFetchingEnvironment env) {
        AnomalyNode anomaly = env.getSource();
        DataLoader<String, Customer> loader = env.getDataLoader(VisibleRecordLoader.CUSTOMER);
        return loader.load(anomaly.customerId(), caller(env))
                .thenApply(customer -> customer == null ? null : CustomerNode.of(customer));
    }

    private Object queryAnomalies(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        String kind = env.getArgument("kind");
        return Connections.of(
                anomalies
                        .list(kind == null ? null : AnomalyKind.valueOf(kind), page, caller(env))
                        .map(AnomalyNode::of));
    }

    private AnomalyNode mutationReview(DataFetchingEnvironment env) {
        String decision = env.getArgument("decision");
        return AnomalyNode.of(
                anomalies.review(
                        env.getArgument("id"),
                        AnomalyDecision.valueOf(decision),
                        env.getArgument("note"),
                        caller(env)));
    }
}
