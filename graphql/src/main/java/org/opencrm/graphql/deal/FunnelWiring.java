package org.opencrm.graphql.deal;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencrm.core.deal.Funnel;
import org.opencrm.core.deal.FunnelMath.FunnelStage;
import org.opencrm.core.deal.FunnelService;
import org.opencrm.core.deal.FunnelService.FunnelQuery;

/** Binds the {@code funnel} query of deal.graphqls to the funnel service. */
public final class FunnelWiring {

    private final FunnelService funnel;

    public FunnelWiring(FunnelService funnel) {
        this.funnel = funnel;
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type.dataFetcher("funnel", this::queryFunnel));
    }

    private Map<String, Object> queryFunnel(DataFetchingEnvironment env) {
        Instant from = env.getArgument("from");
        Instant to = env.getArgument("to");
        Funnel answer =
                funnel.funnel(
                        new FunnelQuery(
                                from, to, env.getArgument("region"), env.getArgument("ownerId")),
                        caller(env));
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("from", answer.from());
        shown.put("to", answer.to());
        shown.put("region", answer.region());
        shown.put("ownerId", answer.ownerId());
        shown.put("team", answer.team());
        shown.put("pipelineVersion", answer.pipelineVersion());
        shown.put("stages", answer.stages().stream().map(FunnelWiring::stage).toList());
        return shown;
    }

    /** Rates and days as exact decimal strings: a Float would show 0.45 as 0.44999998. */
    private static Map<String, Object> stage(FunnelStage stage) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("stage", stage.stage().name());
        shown.put("entered", stage.entered());
        shown.put("advanced", stage.advanced());
        shown.put("won", stage.won());
        shown.put("lost", stage.lost());
        shown.put("conversionRate", decimal(stage.conversionRate()));
        shown.put("averageDaysInStage", decimal(stage.averageDaysInStage()));
        shown.put("medianDaysInStage", decimal(stage.medianDaysInStage()));
        return shown;
    }

    private static String decimal(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
