package org.opencrm.core.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One bad field: which field, which rule, and what the limit is.
 *
 * @param field input field path, e.g. {@code remark}
 * @param rule rule id, e.g. {@code maxLength}
 * @param message human text naming the limit, e.g. {@code at most 2000 characters, got 2417}
 * @param limit the limit as data when there is one (a number, a pattern), else null
 */
public record FieldProblem(String field, String rule, String message, Object limit) {

    public static FieldProblem of(String field, String rule, String message) {
        return new FieldProblem(field, rule, message, null);
    }

    public static FieldProblem tooLong(String field, int max, int actual) {
        return new FieldProblem(
                field, "maxLength", "at most " + max + " characters, got " + actual, max);
    }

    public String describe() {
        return field + ": " + message;
    }

    public Map<String, Object> asDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", field);
        details.put("rule", rule);
        if (limit != null) {
            details.put("limit", limit);
        }
        return details;
    }
}
