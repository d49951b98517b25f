package org.opencrm.graphql.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the input field of a scalar's refusal (Money): graphql-java reports a literal's argument
 * path in its message and a variable only by name, so the field is read from the message, or found
 * in the variable by the refused value the scalar put in {@code extensions.refused}. The field is
 * the path inside the argument or variable, as our own rules name input fields ({@code amount}).
 */
final class CoercionFields {

    static final String REFUSED = "refused";
    private static final Pattern ARGUMENT = Pattern.compile("argument '([^']+)'");
    private static final Pattern VARIABLE = Pattern.compile("^Variable '([^']+)'");

    private CoercionFields() {}

    /** The error with {@code extensions.field} when it can be told; the refused value removed. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> located(Map<String, Object> error, Map<String, Object> variables) {
        Map<String, Object> extensions =
                (Map<String, Object>) error.getOrDefault("extensions", Map.of());
        if (!extensions.containsKey(REFUSED) || extensions.containsKey("field")) {
            return error;
        }
        Map<String, Object> named = new LinkedHashMap<>(extensions);
        Object refused = named.remove(REFUSED);
        String message = String.valueOf(error.get("message"));
        field(message, refused, variables).ifPresent(field -> named.put("field", field));
        Map<String, Object> located = new LinkedHashMap<>(error);
        located.put("extensions", named);
        return located;
    }

    private static Optional<String> field(
            String message, Object refused, Map<String, Object> variables) {
        Matcher argument = ARGUMENT.matcher(message);
        if (argument.find()) {
            String path = argument.group(1);
            int dot = path.indexOf('.');
            return Optional.of(dot < 0 ? path : path.substring(dot + 1));
        }
        Matcher variable = VARIABLE.matcher(message);
        if (!variable.find() || variables == null) {
            return Optional.empty();
        }
        String name = variable.group(1);
        return pathOf(variables.get(name), refused, "").map(path -> path.isEmpty() ? name : path);
    }

    /** The dotted path of the first leaf equal to {@code refused} inside {@code value}. */
    private static Optional<String> pathOf(Object value, Object refused, String at) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String next =
                        at.isEmpty() ? String.valueOf(entry.getKey()) : at + "." + entry.getKey();
                Optional<String> found = pathOf(entry.getValue(), refused, next);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Optional<String> found = pathOf(list.get(i), refused, at + "." + i);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        return Objects.equals(String.valueOf(value), String.valueOf(refused))
                ? Optional.of(at)
                : Optional.empty();
    }
}
