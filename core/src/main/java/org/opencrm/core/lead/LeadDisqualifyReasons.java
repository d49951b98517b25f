package org.opencrm.core.lead;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.error.FieldProblem;

/**
 * Why a lead may be disqualified: run-time configuration {@code leadDisqualifyReasons}, versioned
 * and rolled back like every other. {@code disqualifyLead} takes one of these ids, so the
 * reports can count leads lost per reason instead of reading free text.
 *
 * @param reasons the reasons in the order a picker shows them
 */
public record LeadDisqualifyReasons(List<Reason> reasons) {

    public static final String NAME = "leadDisqualifyReasons";
    public static final int MAX_REASONS = 50;
    public static final int MAX_LABEL = 60;
    private static final Pattern REASON_ID = Pattern.compile("^[A-Z][A-Z0-9_]{1,39}$");

    /** One reason: the id {@code disqualifyLead} takes and what people call it. */
    public record Reason(String id, String label) {}

    public LeadDisqualifyReasons {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public static final ConfigDefinition<LeadDisqualifyReasons> DEFINITION =
            new ConfigDefinition<>(
                    NAME, LeadDisqualifyReasons.class, defaults(), LeadDisqualifyReasons::problems);

    public Optional<Reason> find(String id) {
        return reasons.stream().filter(reason -> reason.id().equals(id)).findFirst();
    }

    public List<String> ids() {
        return reasons.stream().map(Reason::id).toList();
    }

    static LeadDisqualifyReasons defaults() {
        return new LeadDisqualifyReasons(
                List.of(
                        new Reason("NO_BUDGET", "No budget"),
                        new Reason("NO_NEED", "No need"),
                        new Reason("UNREACHABLE", "Unreachable"),
                        new Reason("DUPLICATE", "Duplicate of another lead or customer"),
                        new Reason("COMPETITOR", "Went with a competitor")));
    }

    static List<FieldProblem> problems(LeadDisqualifyReasons value) {
        List<FieldProblem> problems = new ArrayList<>();
        // an empty list would make every lead impossible to disqualify
        if (value.reasons().isEmpty() || value.reasons().size() > MAX_REASONS) {
            problems.add(
                    new FieldProblem(
                            "value.reasons",
                            "itemCount",
                            "1 to " + MAX_REASONS + " reasons, got " + value.reasons().size(),
                            MAX_REASONS));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < value.reasons().size(); i++) {
            problems.addAll(reasonProblems("value.reasons." + i, value.reasons().get(i), seen));
        }
        return problems;
    }

    private static List<FieldProblem> reasonProblems(String path, Reason reason, Set<String> seen) {
        if (reason == null) {
            return List.of(FieldProblem.of(path, "notNull", "must be a reason {id, label}"));
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (reason.id() == null || !REASON_ID.matcher(reason.id()).matches()) {
            problems.add(
                    new FieldProblem(
                            path + ".id",
                            "pattern",
                            "a reason id is 2-40 upper-case letters, digits or _, starting with a"
                                    + " letter, got "
                                    + reason.id(),
                            REASON_ID.pattern()));
        } else if (!seen.add(reason.id())) {
            problems.add(
                    FieldProblem.of(path + ".id", "unique", "is listed twice: " + reason.id()));
        }
        if (reason.label() == null
                || reason.label().isBlank()
                || reason.label().length() > MAX_LABEL) {
            problems.add(
                    new FieldProblem(
                            path + ".label",
                            "length",
                            "must be 1 to " + MAX_LABEL + " characters",
                            MAX_LABEL));
        }
        return problems;
    }
}
