package org.opencrm.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.stream.Collectors;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/**
 * GraphQL arguments as Java values: an input object (a map, as graphql-java coerced it) bound to a
 * record by name, and JSON-scalar arguments as JSON trees. One mapper for every wiring, so every
 * input binds the same way: enums by name, {@code Float} to {@link java.math.BigDecimal} by its
 * shortest decimal form (what the client typed), {@code DateTime} as the same instant, and a field
 * left out or sent as null as null (null means "not given" / "unchanged" to the domain).
 */
public final class Inputs {

    // only converts between Java values and trees, never reads or writes text; instants travel as
    // ISO-8601 strings inside the conversion so no precision is lost
    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .build();

    private Inputs() {}

    /**
     * {@code raw} bound to {@code type} by field name; null stays null. A value that does not fit
     * its field is the caller's bad input: a {@link ValidationException} naming the field.
     */
    public static <T> T bind(Object raw, Class<T> type) {
        if (raw == null) {
            return null;
        }
        try {
            return MAPPER.convertValue(raw, type);
        } catch (IllegalArgumentException mismatch) {
            throw new ValidationException(problem(mismatch, type));
        }
    }

    /** A JSON-scalar argument (object, list, string, number, boolean) as a Jackson tree. */
    public static JsonNode tree(Object raw) {
        return MAPPER.valueToTree(raw);
    }

    /** A JSON tree as plain maps, lists and primitives, the way the JSON scalar writes them. */
    public static Object plain(JsonNode tree) {
        return MAPPER.convertValue(tree, Object.class);
    }

    private static FieldProblem problem(IllegalArgumentException mismatch, Class<?> type) {
        if (!(mismatch.getCause() instanceof MismatchedInputException input)) {
            return new FieldProblem(
                    type.getSimpleName(),
                    "type",
                    "does not fit " + type.getSimpleName(),
                    type.getSimpleName());
        }
        String field =
                input.getPath().stream()
                        .map(
                                reference ->
                                        reference.getFieldName() != null
                                                ? reference.getFieldName()
                                                : String.valueOf(reference.getIndex()))
                        .collect(Collectors.joining("."));
        String expected =
                input.getTargetType() == null
                        ? "a valid value"
                        : input.getTargetType().getSimpleName();
        return new FieldProblem(
                field.isEmpty() ? type.getSimpleName() : field,
                "type",
                "must be " + expected,
                expected);
    }
}
