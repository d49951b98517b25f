package org.opencrm.core.anomaly;

import java.time.LocalDate;
import java.util.List;

/**
 * Contracts of one customer signed within one window whose count and total cross the thresholds.
 *
 * @param contracts by signing date, then contract id
 * @param from the first signing date
 * @param to the last signing date
 * @param totalFen the contracts' net amounts together
 */
public record SplitGroup(
        List<SignedContract> contracts, LocalDate from, LocalDate to, long totalFen) {

    public SplitGroup {
        contracts = List.copyOf(contracts);
    }

    /** The group of these contracts (at least one), with its dates and total. */
    static SplitGroup of(List<SignedContract> contracts) {
        long total = contracts.stream().mapToLong(SignedContract::amountFen).sum();
        return new SplitGroup(
                contracts,
                contracts.get(0).signedOn(),
                contracts.get(contracts.size() - 1).signedOn(),
                total);
    }

    public List<String> contractIds() {
        return contracts.stream().map(SignedContract::contractId).toList();
    }
}
