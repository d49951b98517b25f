package org.opencrm.core.report;

import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.error.FieldProblem;

/**
 * The nightly revenue reconciliation: run-time configuration {@code revenueReconciliation}.
 *
 * @param openMonths how many months are open and recomputed each night: 2 is the current and the
 *     previous month (late invoices and returns still land in the previous one)
 * @param differenceReportByDay the caliber-difference report of the previous month is written on
 *     the first run from the 1st to this day of the month
 * @param topContracts how many contracts a drift or a difference names at most
 * @param pendingGraceMinutes a fact recorded this recently and not yet added to the aggregates is
 *     in flight on the stream, not drift
 */
public record ReconciliationSettings(
        int openMonths, int differenceReportByDay, int topContracts, int pendingGraceMinutes) {

    public static final String NAME = "revenueReconciliation";

    public static final ConfigDefinition<ReconciliationSettings> DEFINITION =
            new ConfigDefinition<>(
                    NAME,
                    ReconciliationSettings.class,
                    new ReconciliationSettings(2, 5, 10, 60),
                    ReconciliationSettings::problems);

    static List<FieldProblem> problems(ReconciliationSettings value) {
        List<FieldProblem> problems = new ArrayList<>();
        ConfigDefinition.outOfRange("openMonths", value.openMonths(), 1, 12)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("differenceReportByDay", value.differenceReportByDay(), 1, 28)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("topContracts", value.topContracts(), 1, 100)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("pendingGraceMinutes", value.pendingGraceMinutes(), 0, 1440)
                .ifPresent(problems::add);
        return problems;
    }
}
