package org.opencrm.core.report;

import java.util.List;
import java.util.Map;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.contract.FactKind;

/**
 * The answer to a revenue question: its rows, the version of the report definition
 * that produced them, and what that definition left out.
 */
public record RevenueReport(long definitionVersion, List<Row> rows, List<Exclusion> excluded) {

    public RevenueReport {
        rows = List.copyOf(rows);
        excluded = List.copyOf(excluded);
    }

    /**
     * One row: the month, region and owner are set when the report is grouped by them.
     *
     * @param amountsFen per caliber asked, in the order asked
     */
    public record Row(String month, String region, String ownerId, Map<Caliber, Long> amountsFen) {
        public Row {
            amountsFen =
                    java.util.Collections.unmodifiableMap(
                            new java.util.LinkedHashMap<>(amountsFen));
        }
    }

    /** Facts of one kind a caliber's definition leaves out: why, how many, how much. */
    public record Exclusion(
            Caliber caliber, FactKind kind, String reason, long count, long amountFen) {}
}
