package org.opencrm.graphql.activity;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.opencrm.core.activity.Activity;
import org.opencrm.core.activity.ActivityInput;
import org.opencrm.core.activity.ActivityPatch;
import org.opencrm.core.activity.ActivityService;
import org.opencrm.core.activity.HighPotential;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.graphql.Inputs;
import org.opencrm.graphql.customer.CustomerNode;
import org.opencrm.graphql.loaders.HighPotentialLoader;
import org.opencrm.graphql.relay.Connections;

/** Binds activity.graphqls (and Customer's high-potential fields) to the activity use cases. */
public final class ActivityWiring {

    private final ActivityService activities;

    public ActivityWiring(ActivityService activities) {
        this.activities = activities;
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type.dataFetcher("activities", this::queryActivities));
        wiring.type(
                "Mutation",
                type ->
                        type.dataFetcher("logActivity", this::mutationLogActivity)
                                .dataFetcher("updateActivity", this::mutationUpdateActivity));
        // every customer of the response in one batch: see HighPotentialLoader
        wiring.type(
                "Customer",
                type ->
                        type.dataFetcher(
                                        "highPotential",
                                        env -> mark(env).thenApply(mark -> mark != null))
                                .dataFetcher(
                                        "highPotentialReason",
                                        env ->
                                                mark(env)
                                                        .thenApply(
                                                                mark ->
                                                                        mark == null
                                                                                ? null
                                                                                : mark.reason())));
    }

    private static CompletableFuture<HighPotential> mark(DataFetchingEnvironment env) {
        CustomerNode customer = env.getSource();
        DataLoader<String, HighPotential> marks = env.getDataLoader(HighPotentialLoader.NAME);
        return marks.load(customer.id());
    }

    private Object queryActivities(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        return Connections.of(
                activities.ofCustomer(env.getArgument("customerId"), page, caller(env)));
    }

    private Activity mutationLogActivity(DataFetchingEnvironment env) {
        ActivityInput input = Inputs.bind(env.getArgument("input"), ActivityInput.class);
        return activities.log(input, caller(env));
    }

    private Activity mutationUpdateActivity(DataFetchingEnvironment env) {
        Integer version = env.getArgument("expectedVersion");
        ActivityPatch patch = Inputs.bind(env.getArgument("input"), ActivityPatch.class);
        return activities.update(env.getArgument("id"), version.longValue(), patch, caller(env));
    }
}
