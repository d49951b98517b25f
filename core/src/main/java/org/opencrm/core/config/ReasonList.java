package org.opencrm.core.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.opencrm.core.error.FieldProblem;

/**
 * The rules every configured list of reasons follows (why a lead was disqualified, why a deal was
 * lost): ids a report can count by, labels people read. A mutation takes one of the ids, so reports
 * count reasons instead of reading free text.
 */
public final class ReasonList {

    public static final int MAX_REASONS = 50;
    public static final int MAX_LABEL = 60;
    private static final Pattern REASON_ID = Pattern.compile("^[A-Z][A-Z0-9_]{1,39}$");

    /** One reason: the id a mutation takes and what people call it. */
    public record Reason(String id, String label) {}

    private ReasonList() {}

    /** The problems of a list at {@code path}, e.g. {@code value.reasons}. */
    public static List<FieldProblem> problems(String path, List<Reason> reasons) {
        List<FieldProblem> problems = new ArrayList<>();
        // an empty list would make the reason impossible to give
        if (reasons.isEmpty() || reasons.size() > MAX_REASONS) {
            problems.add(
                    new FieldProblem(
                            path,
                            "itemCount",
                            "1 to " + MAX_REASONS + " reasons, got " + reasons.size(),
                            MAX_REASONS));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < reasons.size(); i++) {
            problems.addAll(reasonProblems(path + "." + i, reasons.get(i), seen));
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
