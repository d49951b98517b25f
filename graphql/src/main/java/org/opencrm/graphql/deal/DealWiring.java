package org.opencrm.graphql.deal;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dataloader.DataLoader;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealFilter;
import org.opencrm.core.deal.DealInput;
import org.opencrm.core.deal.DealService;
import org.opencrm.core.deal.DealStage;
import org.opencrm.core.deal.Pipeline;
import org.opencrm.core.deal.RequirementCheck;
import org.opencrm.core.deal.StageChange;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.graphql.Inputs;
import org.opencrm.graphql.loaders.DealHistoryLoader;
import org.opencrm.graphql.relay.Connections;

/** Binds deal.graphqls to the deal use cases. */
public final class DealWiring {

    private final DealService deals;

    public DealWiring(DealService deals) {
        this.deals = deals;
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type(
                "Query",
                type ->
                        type.dataFetcher("deal", this::queryDeal)
                                .dataFetcher("deals", this::queryDeals)
                                .dataFetcher("stageRequirements", this::queryStageRequirements));
        wiring.type(
                "Mutation",
                type ->
                        type.dataFetcher("createDeal", this::mutationCreateDeal)
                                .dataFetcher("updateDeal", this::mutationUpdateDeal)
                                .dataFetcher("moveDeal", this::mutationMoveDeal)
                                .dataFetcher("snoozeDeal", this::mutationSnoozeDeal));
        // every deal of the response in one batch: see DealHistoryLoader
        wiring.type(
                "Deal",
                type ->
                        type.dataFetcher(
                                "stageHistory",
                                env -> {
                                    DealNode deal = env.getSource();
                                    DataLoader<String, List<StageChange>> history =
                                            env.getDataLoader(DealHistoryLoader.NAME);
                                    return history.load(deal.id());
                                }));
    }

    private DealNode node(Deal deal) {
        return DealNode.of(deal, deals.currentPipeline());
    }

    private DealNode queryDeal(DataFetchingEnvironment env) {
        return node(deals.get(env.getArgument("id"), caller(env)));
    }

    private Object queryDeals(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        DealFilter filter = Inputs.bind(env.getArgument("filter"), DealFilter.class);
        Pipeline pipeline = deals.currentPipeline();
        return Connections.of(
                deals.list(
                                filter == null
                                        ? DealFilter.of(null, null, null, null)
                                        : clientTerms(filter),
                                page,
                                caller(env))
                        .map(deal -> DealNode.of(deal, pipeline)));
    }

    /** Only the terms the schema offers; team and region are row scope's to set. */
    private static DealFilter clientTerms(DealFilter filter) {
        return DealFilter.of(filter.customerId(), filter.ownerId(), filter.stage(), filter.stale());
    }

    private List<Map<String, Object>> queryStageRequirements(DataFetchingEnvironment env) {
        return deals
                .stageRequirements(env.getArgument("dealId"), stage(env, "toStage"), caller(env))
                .stream()
                .map(DealWiring::requirement)
                .toList();
    }

    private static Map<String, Object> requirement(RequirementCheck check) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("requirement", check.requirement());
        shown.put("field", check.field());
        shown.put("rule", check.rule());
        shown.put("limit", check.limit() == null ? null : String.valueOf(check.limit()));
        shown.put("met", check.met());
        shown.put("message", check.message());
        return shown;
    }

    private DealNode mutationCreateDeal(DataFetchingEnvironment env) {
        DealInput input = Inputs.bind(env.getArgument("input"), DealInput.class);
        return node(deals.create(input, caller(env)));
    }

    private DealNode mutationUpdateDeal(DataFetchingEnvironment env) {
        Integer version = env.getArgument("expectedVersion");
        DealInput input = Inputs.bind(env.getArgument("input"), DealInput.class);
        return node(deals.update(env.getArgument("id"), version.longValue(), input, caller(env)));
    }

    private DealNode mutationMoveDeal(DataFetchingEnvironment env) {
        Integer version = env.getArgument("expectedVersion");
        return node(
                deals.move(
                        env.getArgument("id"),
                        version.longValue(),
                        stage(env, "toStage"),
                        env.getArgument("lostReasonId"),
                        env.getArgument("note"),
                        caller(env)));
    }

    private DealNode mutationSnoozeDeal(DataFetchingEnvironment env) {
        Instant until = env.getArgument("until");
        return node(
                deals.snooze(env.getArgument("id"), until, env.getArgument("reason"), caller(env)));
    }

    private static DealStage stage(DataFetchingEnvironment env, String argument) {
        return DealStage.valueOf(env.getArgument(argument).toString());
    }
}
