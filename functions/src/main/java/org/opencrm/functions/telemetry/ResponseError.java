package org.opencrm.functions.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * One error of a response body ({@code errors[].extensions}), as the log line reports it.
 *
 * @param code {@code extensions.code}
 * @param field {@code extensions.field}, when the error names the input at fault
 * @param message the error's message; may echo user input, so it is masked before it is logged
 */
public record ResponseError(String code, String field, String message) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body's errors; none when it has no {@code errors} array or is not JSON. */
    static List<ResponseError> in(String body) {
        // most bodies have no errors: skip parsing what is often a large page of data
        if (body == null || !body.contains("\"errors\"")) {
            return List.of();
        }
        JsonNode errors;
        try {
            errors = JSON.readTree(body).path("errors");
        } catch (JsonProcessingException notJson) {
            return List.of();
        }
        List<ResponseError> found = new ArrayList<>();
        for (JsonNode error : errors) {
            JsonNode extensions = error.path("extensions");
            found.add(
                    new ResponseError(
                            extensions.path("code").asText(null),
                            extensions.path("field").asText(null),
                            error.path("message").asText(null)));
        }
        return found;
    }
}
