package org.opencrm.graphql.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencrm.core.error.ErrorCode;

/**
 * Gives errors graphql-java raises itself (syntax, validation, variable coercion, introspection
 * switched off) an {@code extensions.code} too, so clients can switch on every error; a required
 * argument it found missing also gets {@code field} and {@code rule}, as our own rules' errors have
 * them. Every error leaves with only the extensions README "Errors" documents: graphql-java's
 * {@code classification} (its internal error type names) never reaches a client.
 */
public final class ErrorCodes {

    /** Extensions graphql-java or our scalars add for use on the way out, never for clients. */
    private static final Set<String> INTERNAL_EXTENSIONS =
            Set.of("classification", CoercionFields.REFUSED);

    /** graphql-java's refusals of introspection, named as our rules are. */
    private static final Map<String, String> INTROSPECTION_RULES =
            Map.of(
                    "IntrospectionDisabled", "introspectionDisabled",
                    "BadFaithIntrospection", "goodFaithIntrospection");

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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> coded(Map<String, Object> error, String query) {
        Map<String, Object> extensions =
                new LinkedHashMap<>(
                        (Map<String, Object>) error.getOrDefault("extensions", Map.of()));
        Object classification = extensions.get("classification");
        if (!extensions.containsKey("code")) {
            ErrorCode code = codeFor(classification);
            extensions.put("code", code.name());
            String introspection = INTROSPECTION_RULES.get(String.valueOf(classification));
            if (introspection != null) {
                extensions.put("field", "query");
                extensions.put("rule", introspection);
            } else if (code == ErrorCode.BAD_USER_INPUT) {
                RequiredArguments.refused(String.valueOf(error.get("message")), query)
                        .ifPresent(field -> required(extensions, field));
            }
        }
        extensions.keySet().removeAll(INTERNAL_EXTENSIONS);
        Map<String, Object> coded = new LinkedHashMap<>(error);
        coded.put("extensions", extensions);
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
        // ValidationError, InvalidSyntax, ExecutionAborted, introspection: all the client's to fix
        return "DataFetchingException".equals(classification.toString())
                ? ErrorCode.INTERNAL
                : ErrorCode.BAD_USER_INPUT;
    }
}
