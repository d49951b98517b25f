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

    private ErrorCodes() {}

    public static List<Map<String, Object>> withCodes(
            List<Map<String, Object>> errors, String query) {
        return withCodes(errors, query, Map.of());
    }

    /**
     * As {@link #withCodes(List, String)}; a scalar's refusal (Money) also gets the input field it
     * was in, found in the message or the request's variables.
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> withCodes(
            List<Map<String, Object>> errors, String query, Map<String, Object> variables) {
        return errors.stream()
                .map(error -> CoercionFields.located(error, variables))
                .map(
                        error -> {
                            Map<String, Object> extensions =
                                    new LinkedHashMap<>(
                                            (Map<String, Object>)
                                                    error.getOrDefault("extensions", Map.of()));
                            if (extensions.containsKey("code")) {
                                return error;
                            }
                            Map<String, Object> coded = new LinkedHashMap<>(error);
                            ErrorCode code = codeFor(extensions.get("classification"));
                            extensions.put("code", code.name());
                            if (code == ErrorCode.BAD_USER_INPUT) {
                                RequiredArguments.refused(
                                                String.valueOf(error.get("message")), query)
                                        .ifPresent(field -> required(extensions, field));
                            }
                            coded.put("extensions", extensions);
                            return coded;
                        })
                .toList();
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
