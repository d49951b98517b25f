package org.opencrm.core.leadwork;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.error.FieldProblem;

/**
 * The assignment terms, eligibility rules and SLA ladder: run-time configuration
 * {@code assignment}, versioned and rolled back like every other.
 *
 * @param sourceWeights channel → score; channels not listed score {@code otherSourceWeight}
 * @param budgetOver a budget above this (CNY) earns {@code budgetBonus}
 * @param interactionsAtLeast this many interactions in 30 days earn {@code interactionBonus}
 * @param requireRegionMatch only reps of the lead's region are eligible (a lead without a region
 *     may go to anyone)
 * @param viewWithinMinutes SLA step 1: not viewed by then → flagged red, weight cut, reassigned
 *     once
 * @param contactWithinHours SLA step 2: no first contact by then → transferred to the team lead
 * @param actionWithinHours SLA step 3: still no contact by then → wake-up SMS, status WOKEN
 * @param redWeightCutPercent how much of a red lead's score is cut
 */
@RecordBuilder
public record AssignmentSettings(
        Map<String, Integer> sourceWeights,
        int otherSourceWeight,
        long budgetOver,
        int budgetBonus,
        int interactionsAtLeast,
        int interactionBonus,
        boolean requireRegionMatch,
        int viewWithinMinutes,
        int contactWithinHours,
        int actionWithinHours,
        int redWeightCutPercent) {

    public static final String NAME = "assignment";
    private static final int MAX_WEIGHT = 10_000;

    public AssignmentSettings {
        sourceWeights =
                sourceWeights == null
                        ? Map.of()
                        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sourceWeights));
    }

    public static final ConfigDefinition<AssignmentSettings> DEFINITION =
            new ConfigDefinition<>(
                    NAME, AssignmentSettings.class, defaults(), AssignmentSettings::problems);

    /**
     * R-11's defaults: website form 100, Douyin 85, trade show 60, other 40; +50 over 500,000; +30
     * at 3 interactions.
     */
    static AssignmentSettings defaults() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("website", 100);
        weights.put("douyin", 85);
        weights.put("trade_show", 60);
        return AssignmentSettings.builder()
                .sourceWeights(weights)
                .otherSourceWeight(40)
                .budgetOver(500_000)
                .budgetBonus(50)
                .interactionsAtLeast(3)
                .interactionBonus(30)
                .requireRegionMatch(true)
                .viewWithinMinutes(120)
                .contactWithinHours(24)
                .actionWithinHours(72)
                .redWeightCutPercent(30)
                .build();
    }

    public Duration viewWithin() {
        return Duration.ofMinutes(viewWithinMinutes);
    }

    public Duration contactWithin() {
        return Duration.ofHours(contactWithinHours);
    }

    public Duration actionWithin() {
        return Duration.ofHours(actionWithinHours);
    }

    private static List<FieldProblem> problems(AssignmentSettings settings) {
        List<FieldProblem> problems =
                new ArrayList<>(
                        Stream.of(
                                        ConfigDefinition.outOfRange(
                                                "otherSourceWeight",
                                                settings.otherSourceWeight(),
                                                0,
                                                MAX_WEIGHT),
                                        ConfigDefinition.outOfRange(
                                                "budgetOver",
                                                settings.budgetOver(),
                                                0,
                                                1_000_000_000_000L),
                                        ConfigDefinition.outOfRange(
                                                "budgetBonus",
                                                settings.budgetBonus(),
                                                0,
                                                MAX_WEIGHT),
                                        ConfigDefinition.outOfRange(
                                                "interactionsAtLeast",
                                                settings.interactionsAtLeast(),
                                                1,
                                                10_000),
                                        ConfigDefinition.outOfRange(
                                                "interactionBonus",
                                                settings.interactionBonus(),
                                                0,
                                                MAX_WEIGHT),
                                        ConfigDefinition.outOfRange(
                                                "viewWithinMinutes",
                                                settings.viewWithinMinutes(),
                                                1,
                                                10_080),
                                        ConfigDefinition.outOfRange(
                                                "contactWithinHours",
                                                settings.contactWithinHours(),
                                                1,
                                                720),
                                        ConfigDefinition.outOfRange(
                                                "actionWithinHours",
                                                settings.actionWithinHours(),
                                                1,
                                                2_160),
                                        ConfigDefinition.outOfRange(
                                                "redWeightCutPercent",
                                                settings.redWeightCutPercent(),
                                                0,
                                                100))
                                .flatMap(Optional::stream)
                                .toList());
        settings.sourceWeights()
                .forEach(
                        (channel, weight) ->
                                ConfigDefinition.outOfRange(
                                                "sourceWeights." + channel,
                                                weight == null ? -1 : weight,
                                                0,
                                                MAX_WEIGHT)
                                        .ifPresent(problems::add));
        if (settings.viewWithinMinutes() > settings.contactWithinHours() * 60L) {
            problems.add(
                    new FieldProblem(
                            "value.viewWithinMinutes",
                            "order",
                            "must not be later than contactWithinHours ("
                                    + settings.contactWithinHours()
                                    + " h)",
                            settings.contactWithinHours() * 60));
        }
        if (settings.contactWithinHours() > settings.actionWithinHours()) {
            problems.add(
                    new FieldProblem(
                            "value.contactWithinHours",
                            "order",
                            "must not be later than actionWithinHours ("
                                    + settings.actionWithinHours()
                                    + " h)",
                            settings.actionWithinHours()));
        }
        return problems;
    }

    /** New settings, every term named. */
    public static AssignmentSettingsBuilder builder() {
        return AssignmentSettingsBuilder.builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public AssignmentSettingsBuilder toBuilder() {
        return AssignmentSettingsBuilder.builder(this);
    }
}
