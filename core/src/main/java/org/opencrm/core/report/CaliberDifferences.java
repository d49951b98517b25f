package org.opencrm.core.report;

import java.net.URI;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.money.Fen;
import org.opencrm.core.report.RevenueDefinition.CaliberRule;

/**
 * Builds the monthly caliber-difference report from a month's facts (pure): the totals per caliber
 * under the definition in force, the difference of each caliber from the next one down the chain
 * (signed, shipped, invoiced, collected) and of signed from invoiced (the CFO's question), each
 * with the contracts that make up most of it.
 */
public final class CaliberDifferences {

    /** The differences reported, each "first minus second". */
    static final List<List<Caliber>> PAIRS =
            List.of(
                    List.of(Caliber.SIGNED, Caliber.SHIPPED),
                    List.of(Caliber.SHIPPED, Caliber.INVOICED),
                    List.of(Caliber.INVOICED, Caliber.COLLECTED),
                    List.of(Caliber.SIGNED, Caliber.INVOICED));

    private CaliberDifferences() {}

    private record ContractTotals(String contractNumber, Map<Caliber, Long> fen) {}

    public static CaliberDifferenceReport of(
            YearMonth month,
            ReportDefinitions.Versioned<RevenueDefinition> definition,
            Map<Caliber, List<MoneyFact>> facts,
            int topContracts) {
        Map<Caliber, Long> totals = new EnumMap<>(Caliber.class);
        Map<String, ContractTotals> contracts = new HashMap<>();
        for (Caliber caliber : Caliber.values()) {
            CaliberRule rule = definition.definition().rule(caliber);
            totals.put(caliber, 0L);
            for (MoneyFact fact : facts.getOrDefault(caliber, List.of())) {
                if (!rule.counts(fact.kind())) {
                    continue;
                }
                long fen = rule.amountOf(Totals.of(fact.amountFen(), fact.taxFen()));
                totals.merge(caliber, fen, Math::addExact);
                contracts
                        .computeIfAbsent(
                                fact.contractId(),
                                id ->
                                        new ContractTotals(
                                                fact.contractNumber(),
                                                new EnumMap<>(Caliber.class)))
                        .fen()
                        .merge(caliber, fen, Math::addExact);
            }
        }
        List<CaliberDifferenceReport.Difference> differences = new ArrayList<>();
        for (List<Caliber> pair : PAIRS) {
            differences.add(difference(pair.get(0), pair.get(1), totals, contracts, topContracts));
        }
        Map<String, Long> shownTotals = new LinkedHashMap<>();
        totals.forEach((caliber, fen) -> shownTotals.put(caliber.name(), fen));
        return new CaliberDifferenceReport(
                month.toString(), definition.version(), shownTotals, differences);
    }

    private static CaliberDifferenceReport.Difference difference(
            Caliber from,
            Caliber less,
            Map<Caliber, Long> totals,
            Map<String, ContractTotals> contracts,
            int topContracts) {
        List<CaliberDifferenceReport.ContractDifference> top =
                contracts.entrySet().stream()
                        .map(
                                contract -> {
                                    long fromFen = contract.getValue().fen().getOrDefault(from, 0L);
                                    long lessFen = contract.getValue().fen().getOrDefault(less, 0L);
                                    return new CaliberDifferenceReport.ContractDifference(
                                            contract.getKey(),
                                            contract.getValue().contractNumber(),
                                            fromFen,
                                            lessFen,
                                            fromFen - lessFen);
                                })
                        .filter(contract -> contract.differenceFen() != 0)
                        .sorted(
                                Comparator.comparingLong(
                                                (CaliberDifferenceReport.ContractDifference c) ->
                                                        Math.abs(c.differenceFen()))
                                        .reversed()
                                        .thenComparing(
                                                CaliberDifferenceReport.ContractDifference
                                                        ::contractId))
                        .limit(topContracts)
                        .toList();
        return new CaliberDifferenceReport.Difference(
                from.name(), less.name(), totals.get(from) - totals.get(less), top);
    }

    /**
     * The robot message: totals, differences, top contracts, and the link to the calibers chart
     * drawn for the recipient.
     */
    public static String message(CaliberDifferenceReport report, Optional<URI> chartLink) {
        StringBuilder text = new StringBuilder();
        text.append("Revenue calibers for ")
                .append(report.month())
                .append(" (definition v")
                .append(report.definitionVersion())
                .append(")\n");
        report.totalsFen()
                .forEach(
                        (caliber, fen) ->
                                text.append(caliber)
                                        .append(": ")
                                        .append(Fen.format(fen))
                                        .append('\n'));
        for (CaliberDifferenceReport.Difference difference : report.differences()) {
            text.append(difference.from())
                    .append(" − ")
                    .append(difference.less())
                    .append(": ")
                    .append(Fen.format(difference.differenceFen()))
                    .append('\n');
            difference.topContracts().stream()
                    .limit(3)
                    .forEach(
                            contract ->
                                    text.append("  ")
                                            .append(
                                                    contract.contractNumber() == null
                                                            ? contract.contractId()
                                                            : contract.contractNumber())
                                            .append(": ")
                                            .append(Fen.format(contract.differenceFen()))
                                            .append('\n'));
        }
        text.append("Chart: ")
                .append(
                        chartLink
                                .map(URI::toString)
                                .orElse("(not linked: this deployment has no API_BASE_URL)"));
        return text.toString();
    }
}
