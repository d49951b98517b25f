package org.opencrm.graphql.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.error.ErrorCode;

/**
 * Gives errors graphql-java raises itself (syntax, validation, variable coercion, depth and
 * complexity limits) an {@code extensions.code} too, so clients can switch on every error.
 */
public final class ErrorCodes {

    private ErrorCodes() {}

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> withCodes(List<Map<String, Object>> errors) {
        return errors.stream()
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
                            extensions.put(
                                    "code", codeFor(extensions.get("classification")).name());
                            coded.put("extensions", extensions);
                            return coded;
                        })
                .toList();
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
