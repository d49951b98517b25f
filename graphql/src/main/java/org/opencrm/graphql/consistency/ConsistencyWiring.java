package org.opencrm.graphql.consistency;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.opencrm.core.consistency.ApplyResult;
import org.opencrm.core.consistency.ArbitrationRule;
import org.opencrm.core.consistency.ConsistencyApply;
import org.opencrm.core.consistency.ConsistencyReport;
import org.opencrm.core.consistency.ConsistencyService;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.graphql.relay.Connections;

/** Binds consistency.graphqls to the consistency use cases (issue 17, R-09). */
public final class ConsistencyWiring {

    private final ConsistencyService consistency;

    public ConsistencyWiring(ConsistencyService consistency) {
        this.consistency = consistency;
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type(
                "Query",
                type ->
                        type.dataFetcher(
                                "consistencyReport",
                                env -> consistency.report(env.getArgument("id"))));
        wiring.type("Mutation", type -> type.dataFetcher("applyConsistencyReport", this::apply));
        wiring.type(
                "ConsistencyReport",
                type ->
                        type.dataFetcher("matched", count(ConsistencyReport.Counts::matched))
                                .dataFetcher(
                                        "missingHere", count(ConsistencyReport.Counts::missingHere))
                                .dataFetcher(
                                        "missingThere",
                                        count(ConsistencyReport.Counts::missingThere))
                                .dataFetcher(
                                        "mismatched", count(ConsistencyReport.Counts::mismatched))
                                .dataFetcher(
                                        "duplicates", count(ConsistencyReport.Counts::duplicates))
                                .dataFetcher("rows", this::rows)
                                .dataFetcher(
                                        "applyStatus",
                                        env -> {
                                            ConsistencyApply last =
                                                    env.<ConsistencyReport>getSource().lastApply();
                                            return last == null ? null : last.status();
                                        })
                                .dataFetcher(
                                        "csvUrl",
                                        env ->
                                                consistency.csvUrl(
                                                        env.<ConsistencyReport>getSource())));
        registerApply(wiring);
    }

    private static void registerApply(RuntimeWiring.Builder wiring) {
        wiring.type(
                "ConsistencyApply",
                type ->
                        type.dataFetcher("processed", progress(ApplyResult::processed))
                                .dataFetcher(
                                        "customersChanged", progress(ApplyResult::customersChanged))
                                .dataFetcher("fieldsChanged", progress(ApplyResult::fieldsChanged))
                                .dataFetcher(
                                        "fieldsAlreadyEqual",
                                        progress(ApplyResult::fieldsAlreadyEqual))
                                .dataFetcher(
                                        "fieldsChangedSince",
                                        progress(ApplyResult::fieldsChangedSince))
                                .dataFetcher("failures", progress(ApplyResult::failures)));
    }

    private static <T> graphql.schema.DataFetcher<T> progress(Function<ApplyResult, T> of) {
        return env -> of.apply(env.<ConsistencyApply>getSource().progress());
    }

    private static graphql.schema.DataFetcher<Long> count(
            ToLongFunction<ConsistencyReport.Counts> of) {
        return env -> of.applyAsLong(env.<ConsistencyReport>getSource().counts());
    }

    private Object rows(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        return Connections.of(consistency.rows(env.<ConsistencyReport>getSource().id(), page));
    }

    private Map<String, Object> apply(DataFetchingEnvironment env) {
        String id = env.getArgument("id");
        String rule = env.getArgument("rule");
        List<String> fields = env.getArgument("fields");
        ApplyResult result =
                consistency.apply(id, ArbitrationRule.valueOf(rule), fields, caller(env));
        ConsistencyReport report = consistency.report(id);
        return Map.of(
                "report", report,
                "applyStatus", result.status(),
                "applyProcessed", result.processed(),
                "applyRows", report.lastApply().rows(),
                "customersChanged", result.customersChanged(),
                "fieldsChanged", result.fieldsChanged(),
                "fieldsAlreadyEqual", result.fieldsAlreadyEqual(),
                "fieldsChangedSince", result.fieldsChangedSince(),
                "failures", result.failures());
    }
}
