package org.opencrm.core.anomaly;

import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.error.FieldProblem;

/**
 * The split-order thresholds: run-time configuration {@code splitOrderRules}, versioned and
 * rolled back like every other, so finance tunes them without a release.
 *
 * @param enabled false stops raising new split-order anomalies (existing ones stay for review)
 * @param minContracts a group needs at least this many signed contracts of one customer
 * @param windowDays all of them signed within this many calendar days: the first and the last
 *     signing date lie fewer than {@code windowDays} days apart (7 days: Monday to Sunday)
 * @param thresholdFen and their net signed amounts together strictly above this, in fen (500,000.00
 *     yuan by default; exactly the threshold is not a split order)
 */
public record SplitOrderRules(
        boolean enabled, int minContracts, int windowDays, long thresholdFen) {

    public static final String NAME = "splitOrderRules";
    static final long MAX_THRESHOLD_FEN = 1_000_000_000_000_00L;

    public static final ConfigDefinition<SplitOrderRules> DEFINITION =
            new ConfigDefinition<>(
                    NAME, SplitOrderRules.class, defaults(), SplitOrderRules::problems);

    /** Three contracts within seven days totalling more than 500,000.00 yuan. */
    static SplitOrderRules defaults() {
        return new SplitOrderRules(true, 3, 7, 500_000_00L);
    }

    static List<FieldProblem> problems(SplitOrderRules value) {
        List<FieldProblem> problems = new ArrayList<>();
        // one contract is no split; a group of more than 100 is not what this watch is for
        ConfigDefinition.outOfRange("minContracts", value.minContracts(), 2, 100)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("windowDays", value.windowDays(), 1, 366)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("thresholdFen", value.thresholdFen(), 0, MAX_THRESHOLD_FEN)
                .ifPresent(problems::add);
        return problems;
    }
}
