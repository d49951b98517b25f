package org.opencrm.graphql.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.error.ErrorCode;

/**
 * Gives errors graphql-java raises itself (syntax, validation, variable coercion, depth and
 * complexity limits) an {@code extensions.code} too, so clients can switch on every error; a
 * required argument it found missing also gets {@code field} and {@code rule}, as our own rules'
 * errors have them.
 */
public final class ErrorCodes {

    private static final String CLASSIFICATION = "classification";

    private ErrorCodes() {}

    public static List<Map<String, Object>> withCodes(
            List<Map<String, Object>> errors, String query) {
        return withCodes(errors, query, Map.of());
    }

    /**
     * As {@link #withCodes(List, String)}; a scalar's refusal (Money) also gets the input field it
     * was in, found in the message or the request's variables.
     */
    public static List<Map<String, Object>> withCodes(
            List<Map<String, Object>> errors, String query, Map<String, Object> variables) {
        return errors.stream()
                .map(error -> CoercionFields.located(error, variables))
                .map(error -> coded(error, query))
                .toList();
    }

    /**
     * The error with its code, and without graphql-java's {@code classification}: that names
     * graphql-java's own classes (DataFetchingException), which are no client's business.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> coded(Map<String, Object> error, String query) {
        Map<String, Object> extensions =
                new LinkedHashMap<>(
                        (Map<String, Object>) error.getOrDefault("extensions", Map.of()));
        Object classification = extensions.remove(CLASSIFICATION);
        Map<String, Object> coded = new LinkedHashMap<>(error);
        coded.put("extensions", extensions);
        if (extensions.containsKey("code")) {
            return coded;
        }
        ErrorCode code = codeFor(classification);
        extensions.put("code", code.name());
        if (code == ErrorCode.BAD_USER_INPUT) {
            RequiredArguments.refused(String.valueOf(error.get("message")), query)
                    .ifPresent(field -> required(extensions, field));
        }
        return coded;
    }

    private static void required(Map<String, Object> extensions, String field) {
        extensions.put("field", field);
        extensions.put("rule", "required");
    }

    private static ErrorCode codeFor(Object classification) {
        if (classification == null) {
            return ErrorCode.INTERNAL;
        }
        // ValidationError, InvalidSyntax, ExecutionAborted (limits): all the client's to fix
        return "DataFetchingException".equals(classification.toString())
                ? ErrorCode.INTERNAL
                : ErrorCode.BAD_USER_INPUT;
    }
}
