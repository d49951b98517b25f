package org.opencrm.graphql.report;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.report.ReportDefinitionVersion;
import org.opencrm.core.report.ReportDefinitions;
import org.opencrm.core.report.Reports;
import org.opencrm.core.report.RevenueDimension;
import org.opencrm.core.report.RevenueReport;
import org.opencrm.core.report.RevenueService.RevenueQuery;
import org.opencrm.graphql.Inputs;
import org.opencrm.graphql.relay.Connections;

/** Binds reports.graphqls to revenue reporting (issue 16). */
public final class ReportWiring {

    private static final int DEFAULT_REPORTS = 10;
    private static final int MAX_REPORTS = 100;

    private final Reports reports;

    public ReportWiring(Reports reports) {
        this.reports = reports;
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type(
                "Query",
                type ->
                        type.dataFetcher("revenue", this::queryRevenue)
                                .dataFetcher("reportDefinition", this::queryReportDefinition)
                                .dataFetcher(
                                        "reportDefinitionHistory",
                                        this::queryReportDefinitionHistory)
                                .dataFetcher("reconciliationReports", this::queryReconciliation)
                                .dataFetcher(
                                        "caliberDifferenceReport", this::queryCaliberDifference));
        wiring.type(
                "Mutation",
                type -> type.dataFetcher("setReportDefinition", this::mutationSetDefinition));
        wiring.type(
                "ReportDefinitionVersion",
                type -> type.dataFetcher("definition", ReportWiring::definitionOf));
    }

    private Map<String, Object> queryRevenue(DataFetchingEnvironment env) {
        List<String> groupBy = env.getArgument("groupBy");
        List<String> calibers = env.getArgument("calibers");
        Integer version = env.getArgument("definitionVersion");
        Instant from = env.getArgument("from");
        Instant to = env.getArgument("to");
        RevenueReport report =
                reports.revenue()
                        .revenue(
                                new RevenueQuery(
                                        from,
                                        to,
                                        groupBy.stream().map(RevenueDimension::valueOf).toList(),
                                        calibers.stream().map(Caliber::valueOf).toList(),
                                        version == null ? null : version.longValue()),
                                caller(env));
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("definitionVersion", report.definitionVersion());
        shown.put("rows", report.rows().stream().map(ReportWiring::row).toList());
        shown.put(
                "excluded",
                report.excluded().stream()
                        .map(
                                exclusion -> {
                                    Map<String, Object> excluded = new LinkedHashMap<>();
                                    excluded.put("reason", exclusion.reason());
                                    excluded.put("count", exclusion.count());
                                    excluded.put("amount", exclusion.amountFen());
                                    return excluded;
                                })
                        .toList());
        return shown;
    }

    private static Map<String, Object> row(RevenueReport.Row row) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("month", row.month());
        shown.put("region", row.region());
        shown.put("ownerId", row.ownerId());
        shown.put(
                "values",
                row.amountsFen().entrySet().stream()
                        .map(
                                value ->
                                        Map.of(
                                                "caliber",
                                                value.getKey().name(),
                                                "amount",
                                                value.getValue()))
                        .toList());
        return shown;
    }

    private ReportDefinitionVersion queryReportDefinition(DataFetchingEnvironment env) {
        String name = env.getArgument("name");
        Integer version = env.getArgument("version");
        return version == null
                ? reports.definitions().current(name)
                : reports.definitions().version(name, version.longValue());
    }

    private Object queryReportDefinitionHistory(DataFetchingEnvironment env) {
        PageRequest page = PageRequest.of(env.getArgument("first"), env.getArgument("after"));
        return Connections.of(reports.definitions().history(env.getArgument("name"), page));
    }

    private ReportDefinitionVersion mutationSetDefinition(DataFetchingEnvironment env) {
        Integer expectedVersion = env.getArgument("expectedVersion");
        return reports.definitions()
                .set(
                        new ReportDefinitions.Change(
                                env.getArgument("name"),
                                expectedVersion.longValue(),
                                Inputs.tree(env.getArgument("definition")),
                                env.getArgument("changeNote"),
                                env.getArgument("changeTicket")),
                        caller(env));
    }

    private List<Object> queryReconciliation(DataFetchingEnvironment env) {
        Integer first = env.getArgument("first");
        int limit = first == null ? DEFAULT_REPORTS : first;
        if (limit < 1 || limit > MAX_REPORTS) {
            throw new ValidationException(
                    new FieldProblem(
                            "first",
                            "range",
                            "must be 1 to " + MAX_REPORTS + ", got " + limit,
                            MAX_REPORTS));
        }
        return reports.reconciler().latest(limit).stream().map(ReportWiring::plain).toList();
    }

    private Object queryCaliberDifference(DataFetchingEnvironment env) {
        String month = env.getArgument("month");
        YearMonth parsed;
        try {
            parsed = YearMonth.parse(month);
        } catch (DateTimeParseException notAMonth) {
            throw new ValidationException(
                    new FieldProblem(
                            "month", "yearMonth", "must be a month like 2026-11", "yyyy-MM"));
        }
        return reports.reconciler()
                .differenceReportOf(parsed)
                .map(ReportWiring::plain)
                .orElse(null);
    }

    private static Object definitionOf(DataFetchingEnvironment env) {
        ReportDefinitionVersion version = env.getSource();
        return Inputs.plain(version.definition());
    }

    /** A report record as the JSON scalar writes it: plain maps, lists and primitives. */
    private static Object plain(Object report) {
        return Inputs.plain(Inputs.tree(report));
    }
}
