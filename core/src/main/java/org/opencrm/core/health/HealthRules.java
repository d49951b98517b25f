package org.opencrm.core.health;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.error.FieldProblem;

/**
 * The health score's weights and thresholds: run-time configuration {@code healthRules},
 * versioned and rolled back like every other, so operations tune them without a release.
 *
 * @param completenessMax the points for a complete record, shared equally by the fields {@link
 *     HealthScore} looks at
 * @param activityMax the points for {@code activityTarget} touches within {@code activityMonths}
 * @param activityMonths how far back activity counts (six months, R-26)
 * @param activityTarget activities, deals and tickets within the window that earn full marks
 * @param companyEmailPoints credibility for an email on a company domain (not free mail)
 * @param mobilePoints credibility for a valid mainland mobile number
 * @param externalIdPoints credibility for an id another system verified (an external id bound)
 * @param observationBelow a score below this puts the customer in the observation pool, out of bulk
 *     export
 * @param archiveBelow a score below this, with no activity for {@code archiveInactiveDays}, has the
 *     nightly pass archive the customer
 * @param archiveInactiveDays days without activity (since creation when there was none)
 * @param freeMailDomains email domains anyone can register on: an address there says nothing about
 *     the company
 */
@RecordBuilder
public record HealthRules(
        int completenessMax,
        int activityMax,
        int activityMonths,
        int activityTarget,
        int companyEmailPoints,
        int mobilePoints,
        int externalIdPoints,
        int observationBelow,
        int archiveBelow,
        int archiveInactiveDays,
        List<String> freeMailDomains) {

    public static final String NAME = "healthRules";

    public static final ConfigDefinition<HealthRules> DEFINITION =
            new ConfigDefinition<>(NAME, HealthRules.class, defaults(), HealthRules::problems);

    public HealthRules {
        freeMailDomains = freeMailDomains == null ? List.of() : List.copyOf(freeMailDomains);
    }

    /** 40 completeness + 30 activity + 30 credibility; the pool below 60, archive below 30. */
    public static HealthRules defaults() {
        return builder()
                .completenessMax(40)
                .activityMax(30)
                .activityMonths(6)
                .activityTarget(6)
                .companyEmailPoints(12)
                .mobilePoints(10)
                .externalIdPoints(8)
                .observationBelow(60)
                .archiveBelow(30)
                .archiveInactiveDays(90)
                .freeMailDomains(
                        List.of(
                                "qq.com",
                                "163.com",
                                "126.com",
                                "sina.com",
                                "sina.cn",
                                "sohu.com",
                                "139.com",
                                "189.cn",
                                "yeah.net",
                                "foxmail.com",
                                "aliyun.com",
                                "gmail.com",
                                "hotmail.com",
                                "outlook.com",
                                "live.com",
                                "yahoo.com",
                                "icloud.com"))
                .build();
    }

    /** New rules, every setting named. */
    public static HealthRulesBuilder builder() {
        return HealthRulesBuilder.builder();
    }

    /** A builder holding these rules, to change some of them by name. */
    public HealthRulesBuilder toBuilder() {
        return HealthRulesBuilder.builder(this);
    }

    /** The most a credibility check can give: the three checks together. */
    public int credibilityMax() {
        return companyEmailPoints + mobilePoints + externalIdPoints;
    }

    /** The free-mail domains, lower-cased, for look-ups. */
    Set<String> freeMail() {
        return freeMailDomains.stream()
                .map(domain -> domain.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    static List<FieldProblem> problems(HealthRules value) {
        List<FieldProblem> problems = new ArrayList<>();
        ConfigDefinition.outOfRange("completenessMax", value.completenessMax(), 0, 100)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("activityMax", value.activityMax(), 0, 100)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("activityMonths", value.activityMonths(), 1, 36)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("activityTarget", value.activityTarget(), 1, 1_000)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("companyEmailPoints", value.companyEmailPoints(), 0, 100)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("mobilePoints", value.mobilePoints(), 0, 100)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("externalIdPoints", value.externalIdPoints(), 0, 100)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("observationBelow", value.observationBelow(), 0, 101)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("archiveBelow", value.archiveBelow(), 0, 101)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("archiveInactiveDays", value.archiveInactiveDays(), 1, 3_650)
                .ifPresent(problems::add);
        int total = value.completenessMax() + value.activityMax() + value.credibilityMax();
        if (total != 100) {
            // a score out of 100 is what R-26 promises and what the thresholds are set against
            problems.add(
                    FieldProblem.of(
                            ConfigDefinition.FIELD,
                            "pointsAddUpTo100",
                            "completenessMax + activityMax + companyEmailPoints + mobilePoints"
                                    + " + externalIdPoints must be 100, got "
                                    + total));
        }
        if (value.archiveBelow() > value.observationBelow()) {
            problems.add(
                    FieldProblem.of(
                            ConfigDefinition.FIELD + ".archiveBelow",
                            "atMostObservationBelow",
                            "must not exceed observationBelow ("
                                    + value.observationBelow()
                                    + "), got "
                                    + value.archiveBelow()));
        }
        return problems;
    }
}
