package org.opencrm.core.activity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.error.FieldProblem;

/**
 * The intent-tag rules of activities: run-time configuration {@code activityTags},
 * versioned and rolled back like every other.
 *
 * <p>The match window: a keyword counts only where it starts within the first {@code
 * matchWindowChars} characters of the body (what a rep writes first is what the call was about; a
 * pasted e-mail thread below it does not tag the activity), and not when one of {@code negations}
 * ends at most {@code negationWindowChars} characters before it (不/没/没有/别 … 先试试 says the opposite).
 * Matching ignores case (for Latin keywords) and is exact otherwise.
 *
 * @param rules each tag with its keywords, in the order tags are listed on an activity
 * @param negations words that suppress a keyword right after them
 * @param negationWindowChars how far before a keyword a negation still suppresses it
 * @param matchWindowChars how far into the body a keyword may start
 * @param highPotentialTag the tag that marks a customer high potential
 * @param highPotentialCount how many distinct activities with that tag mark it
 * @param moveTag the tag that moves a CONTACTED deal to NEEDS_CONFIRMED
 * @param moveCooldownHours at most one such move per customer in this many hours
 */
public record ActivityTags(
        List<Rule> rules,
        List<String> negations,
        int negationWindowChars,
        int matchWindowChars,
        String highPotentialTag,
        int highPotentialCount,
        String moveTag,
        int moveCooldownHours) {

    public static final String NAME = "activityTags";
    static final int MAX_KEYWORDS = 200;

    /** A tag and the keywords that earn it. */
    public record Rule(String tag, List<String> keywords) {

        public Rule {
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
        }
    }

    public ActivityTags {
        rules = rules == null ? List.of() : List.copyOf(rules);
        negations = negations == null ? List.of() : List.copyOf(negations);
    }

    public static final ConfigDefinition<ActivityTags> DEFINITION =
            new ConfigDefinition<>(NAME, ActivityTags.class, defaults(), ActivityTags::problems);

    static ActivityTags defaults() {
        return new ActivityTags(
                List.of(
                        new Rule("PRICE_INQUIRY", List.of("报价", "参数", "对比")),
                        new Rule("TRIAL_INTENT", List.of("下周安排", "先试试", "可以先部署", "给个测试账号")),
                        new Rule("COMPETITOR", List.of("竞品", "别家"))),
                List.of("不", "没", "没有", "别", "不要", "不用"),
                2,
                500,
                "TRIAL_INTENT",
                3,
                "PRICE_INQUIRY",
                72);
    }

    static List<FieldProblem> problems(ActivityTags value) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> tags = new HashSet<>();
        int keywords = 0;
        for (int i = 0; i < value.rules().size(); i++) {
            Rule rule = value.rules().get(i);
            String at = "value.rules[" + i + "]";
            if (rule.tag() == null || !rule.tag().matches("[A-Z][A-Z0-9_]{0,39}")) {
                problems.add(FieldProblem.of(at + ".tag", "format", "must be UPPER_SNAKE_CASE"));
            } else if (!tags.add(rule.tag())) {
                problems.add(FieldProblem.of(at + ".tag", "unique", "is listed twice"));
            }
            if (rule.keywords().isEmpty() || rule.keywords().stream().anyMatch(String::isBlank)) {
                problems.add(
                        FieldProblem.of(at + ".keywords", "required", "needs non-blank keywords"));
            }
            keywords += rule.keywords().size();
        }
        if (keywords > MAX_KEYWORDS) {
            problems.add(
                    new FieldProblem(
                            "value.rules",
                            "max",
                            "at most " + MAX_KEYWORDS + " keywords",
                            MAX_KEYWORDS));
        }
        ConfigDefinition.outOfRange("negationWindowChars", value.negationWindowChars(), 0, 10)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("matchWindowChars", value.matchWindowChars(), 1, 10_000)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("highPotentialCount", value.highPotentialCount(), 1, 100)
                .ifPresent(problems::add);
        ConfigDefinition.outOfRange("moveCooldownHours", value.moveCooldownHours(), 0, 24 * 30)
                .ifPresent(problems::add);
        requireKnownTag(problems, tags, "highPotentialTag", value.highPotentialTag());
        requireKnownTag(problems, tags, "moveTag", value.moveTag());
        return problems;
    }

    private static void requireKnownTag(
            List<FieldProblem> problems, Set<String> tags, String setting, String tag) {
        if (tag != null && !tags.contains(tag)) {
            problems.add(
                    FieldProblem.of("value." + setting, "oneOf", "must be one of the rules' tags"));
        }
    }
}
