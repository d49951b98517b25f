package org.opencrm.core.report;

import java.util.List;

/**
 * What one reconciliation run found, stored as JSON in the reports table.
 *
 * @param ranAt when the run started (ISO instant); the report's sort key
 * @param months the open months recomputed (yyyy-MM)
 * @param factsChecked the facts read afresh
 * @param groupsChecked the aggregate items compared, monthly and daily
 * @param pendingFacts recent facts not yet added to the aggregates (in flight on the stream), left
 *     out of the comparison
 * @param drifts every aggregate item that differs from its facts
 */
public record ReconciliationReport(
        String ranAt,
        List<String> months,
        long factsChecked,
        long groupsChecked,
        long pendingFacts,
        List<Drift> drifts) {

    public ReconciliationReport {
        months = List.copyOf(months);
        drifts = List.copyOf(drifts);
    }

    public boolean hasDrift() {
        return !drifts.isEmpty();
    }

    /**
     * One aggregate item that differs from its facts.
     *
     * @param date null for a monthly item, else the daily item's date
     * @param contractIds the contracts whose facts make up the group (at most topContracts)
     */
    public record Drift(
            String caliber,
            String month,
            String date,
            RevenueGroup group,
            Totals expected,
            Totals actual,
            List<String> contractIds) {

        public Drift {
            contractIds = List.copyOf(contractIds);
        }

        public String describe() {
            return caliber
                    + " "
                    + (date == null ? month : date)
                    + " "
                    + group
                    + ": facts say "
                    + expected.amountFen()
                    + " fen in "
                    + expected.count()
                    + " facts, aggregate holds "
                    + actual.amountFen()
                    + " fen in "
                    + actual.count()
                    + " (contracts "
                    + String.join(", ", contractIds)
                    + ")";
        }
    }
}
