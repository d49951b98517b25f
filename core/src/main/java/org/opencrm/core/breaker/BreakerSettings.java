package org.opencrm.core.breaker;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.error.FieldProblem;

/**
 * Thresholds of the sensitive-operation breaker: a user who exports more than {@code
 * exportRowsPerDay} customers in a day, or changes the same customer's level {@code
 * levelChangesInRow} times within {@code levelChangeWindowHours}, is suspended.
 */
public record BreakerSettings(
        int exportRowsPerDay, int levelChangesInRow, int levelChangeWindowHours) {

    public static final int MAX_EXPORT_ROWS_PER_DAY = 1_000_000;
    public static final int MIN_LEVEL_CHANGES_IN_ROW = 2;
    public static final int MAX_LEVEL_CHANGES_IN_ROW = 100;
    // 30 days: a longer window would keep counters of changes nobody remembers making
    public static final int MAX_LEVEL_CHANGE_WINDOW_HOURS = 720;

    public static final ConfigDefinition<BreakerSettings> DEFINITION =
            new ConfigDefinition<>(
                    "breaker",
                    BreakerSettings.class,
                    new BreakerSettings(500, 3, 24),
                    BreakerSettings::problems);

    public Duration levelChangeWindow() {
        return Duration.ofHours(levelChangeWindowHours);
    }

    private static List<FieldProblem> problems(BreakerSettings settings) {
        return Stream.of(
                        ConfigDefinition.outOfRange(
                                "exportRowsPerDay",
                                settings.exportRowsPerDay(),
                                1,
                                MAX_EXPORT_ROWS_PER_DAY),
                        ConfigDefinition.outOfRange(
                                "levelChangesInRow",
                                settings.levelChangesInRow(),
                                MIN_LEVEL_CHANGES_IN_ROW,
                                MAX_LEVEL_CHANGES_IN_ROW),
                        ConfigDefinition.outOfRange(
                                "levelChangeWindowHours",
                                settings.levelChangeWindowHours(),
                                1,
                                MAX_LEVEL_CHANGE_WINDOW_HOURS))
                .flatMap(Optional::stream)
                .toList();
    }
}
