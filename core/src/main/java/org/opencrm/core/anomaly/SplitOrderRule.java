package org.opencrm.core.anomaly;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.contract.FactKind;
import org.opencrm.core.contract.MoneyFact;

/**
 * R-22's rule, pure: which of a customer's signed contracts form a split order.
 *
 * <p>Contracts are counted net: a contract's signed facts are summed, so a VOIDING fact (negative)
 * cancels its contract, which then no longer counts. A window opens at each contract's signing date
 * and spans {@code windowDays} calendar days; the group containing a given contract is the
 * earliest-opening window that holds it and crosses both thresholds. The earliest is chosen so that
 * every evaluation of the same signings picks the same group, whatever order they arrived in.
 */
public final class SplitOrderRule {

    private SplitOrderRule() {}

    private static final Comparator<SignedContract> BY_DATE_THEN_ID =
            Comparator.comparing(SignedContract::signedOn)
                    .thenComparing(SignedContract::contractId);

    /**
     * The contracts the facts leave standing: one per contract with a SIGNING fact, net of its
     * VOIDING facts; a contract netting to zero or less is cancelled and left out. Facts of other
     * calibers are ignored. Each fact counts once, however often it is listed.
     */
    public static List<SignedContract> netContracts(List<MoneyFact> facts) {
        Map<String, MoneyFact> distinct = new LinkedHashMap<>();
        facts.stream()
                .filter(fact -> fact.caliber() == Caliber.SIGNED)
                .forEach(fact -> distinct.putIfAbsent(fact.factId(), fact));
        Map<String, Long> netByContract = new LinkedHashMap<>();
        Map<String, MoneyFact> signingByContract = new LinkedHashMap<>();
        for (MoneyFact fact : distinct.values()) {
            netByContract.merge(fact.contractId(), fact.amountFen(), Long::sum);
            if (fact.kind() == FactKind.SIGNING) {
                signingByContract.merge(fact.contractId(), fact, SplitOrderRule::earlier);
            }
        }
        List<SignedContract> standing = new ArrayList<>();
        signingByContract.forEach(
                (contractId, signing) -> {
                    long net = netByContract.get(contractId);
                    if (net > 0) {
                        standing.add(
                                new SignedContract(
                                        contractId, signing.contractNumber(), signing.date(), net));
                    }
                });
        standing.sort(BY_DATE_THEN_ID);
        return standing;
    }

    /**
     * The split-order group {@code contractId} belongs to among the customer's signed facts, if
     * any: the earliest-opening window of {@code rules.windowDays()} days that holds it, at least
     * {@code rules.minContracts()} contracts and a total strictly above {@code
     * rules.thresholdFen()}. Empty when the rules are off or no window crosses the thresholds.
     */
    public static Optional<SplitGroup> groupOf(
            String contractId, List<MoneyFact> facts, SplitOrderRules rules) {
        if (!rules.enabled()) {
            return Optional.empty();
        }
        List<SignedContract> contracts = netContracts(facts);
        Optional<SignedContract> member =
                contracts.stream().filter(c -> c.contractId().equals(contractId)).findFirst();
        if (member.isEmpty()) {
            return Optional.empty();
        }
        LocalDate memberDate = member.get().signedOn();
        for (SignedContract opener : contracts) {
            LocalDate lastDay = lastDayOf(opener.signedOn(), rules);
            if (opener.signedOn().isAfter(memberDate)) {
                break;
            }
            if (lastDay.isBefore(memberDate)) {
                continue;
            }
            Optional<SplitGroup> group =
                    crossing(window(contracts, opener.signedOn(), lastDay), rules);
            if (group.isPresent()) {
                return group;
            }
        }
        return Optional.empty();
    }

    /** The last calendar day of a window opening on {@code first}. */
    public static LocalDate lastDayOf(LocalDate first, SplitOrderRules rules) {
        return first.plusDays(rules.windowDays() - 1L);
    }

    private static List<SignedContract> window(
            List<SignedContract> contracts, LocalDate first, LocalDate last) {
        return contracts.stream()
                .filter(c -> !c.signedOn().isBefore(first) && !c.signedOn().isAfter(last))
                .toList();
    }

    private static Optional<SplitGroup> crossing(
            List<SignedContract> window, SplitOrderRules rules) {
        if (window.size() < rules.minContracts()) {
            return Optional.empty();
        }
        SplitGroup group = SplitGroup.of(window);
        return group.totalFen() > rules.thresholdFen() ? Optional.of(group) : Optional.empty();
    }

    private static MoneyFact earlier(MoneyFact one, MoneyFact other) {
        return other.date().isBefore(one.date()) ? other : one;
    }
}
