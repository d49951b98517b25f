package org.opencrm.core.report;

import java.util.List;
import java.util.Map;

/**
 * The monthly caliber-difference report: a month's totals per caliber under the report
 * definition in force, the differences between them and the contracts that make up most of each
 * difference. Written once per month, stored as JSON in the reports table.
 *
 * @param totalsFen per caliber name
 */
public record CaliberDifferenceReport(
        String month,
        long definitionVersion,
        Map<String, Long> totalsFen,
        List<Difference> differences) {

    public CaliberDifferenceReport {
        totalsFen = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(totalsFen));
        differences = List.copyOf(differences);
    }

    /** {@code from} minus {@code less}, e.g. signed but not invoiced. */
    public record Difference(
            String from, String less, long differenceFen, List<ContractDifference> topContracts) {
        public Difference {
            topContracts = List.copyOf(topContracts);
        }
    }

    /** One contract's share of a difference. */
    public record ContractDifference(
            String contractId,
            String contractNumber,
            long fromFen,
            long lessFen,
            long differenceFen) {}
}
