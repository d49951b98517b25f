package org.opencrm.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/**
 * The typed shape of one run-time configuration: its name, the record its JSON binds to, the
 * default and the rules. A stored value holds every setting; a value sent to {@link
 * ConfigService#set} may leave settings out, and those keep the default's value.
 *
 * @param name the configuration's name, e.g. {@code breaker}
 * @param type a record; its components are the settings
 * @param defaults the value in force while nobody has set one; must pass the rules
 * @param rules the problems of a bound value, with field paths {@code value.<setting>}; empty when
 *     fine
 */
public record ConfigDefinition<T extends Record>(
        String name, Class<T> type, T defaults, Function<T, List<FieldProblem>> rules) {

    /** The input field a configuration value arrives in; every problem path starts with it. */
    public static final String FIELD = "value";

    // Jackson's lenient defaults would turn "12" into 12 and 1.9 into 1; an administrator
    // who typed either should hear about it rather than get a setting they did not mean.
    private static final ObjectMapper STRICT =
            JsonMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                    .withCoercionConfig(
                            LogicalType.Textual,
                            text ->
                                    text.setCoercion(
                                                    CoercionInputShape.Integer, CoercionAction.Fail)
                                            .setCoercion(
                                                    CoercionInputShape.Float, CoercionAction.Fail)
                                            .setCoercion(
                                                    CoercionInputShape.Boolean,
                                                    CoercionAction.Fail))
                    .build();
    private static final int SHOWN_INPUT = 40;

    public ConfigDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(rules, "rules");
        if (!type.isRecord()) {
            throw new IllegalArgumentException(
                    "the settings of " + name + " must be a record, got " + type.getName());
        }
        List<FieldProblem> problems = rules.apply(defaults);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "the default of " + name + " breaks its own rules: " + problems);
        }
    }

    /** The default as JSON, every setting present. */
    public JsonNode defaultValue() {
        return toJson(defaults);
    }

    /** The settings as JSON, every setting present: the form a version stores. */
    public JsonNode toJson(T settings) {
        return STRICT.valueToTree(settings);
    }

    /**
     * Binds a value: settings left out keep the default's value. Every problem (unknown setting,
     * wrong type, broken rule) is reported in one {@link ValidationException}.
     */
    public T parse(JsonNode value) {
        List<FieldProblem> problems = new ArrayList<>();
        T settings = bind(merged(value, problems));
        problems.addAll(rules.apply(settings));
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return settings;
    }

    /**
     * A {@code range} problem for {@code value.<setting>} when {@code actual} lies outside
     * min..max; its limit is the bound that was crossed.
     */
    public static Optional<FieldProblem> outOfRange(
            String setting, long actual, long min, long max) {
        if (actual >= min && actual <= max) {
            return Optional.empty();
        }
        long crossed = actual < min ? min : max;
        return Optional.of(
                new FieldProblem(
                        FIELD + "." + setting,
                        "range",
                        "must be between " + min + " and " + max + ", got " + actual,
                        crossed));
    }

    /**
     * The defaults overlaid with every well-formed setting of {@code value}; the rest become
     * problems.
     */
    private ObjectNode merged(JsonNode value, List<FieldProblem> problems) {
        ObjectNode merged = STRICT.valueToTree(defaults);
        if (value == null || !value.isObject()) {
            problems.add(
                    new FieldProblem(
                            FIELD,
                            "type",
                            "must be a JSON object of settings, got " + shown(value),
                            "object"));
            return merged;
        }
        Map<String, RecordComponent> settings = settings();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            Optional<FieldProblem> problem = check(field.getKey(), field.getValue(), settings);
            problem.ifPresentOrElse(
                    problems::add, () -> merged.set(field.getKey(), field.getValue()));
        }
        return merged;
    }

    private Optional<FieldProblem> check(
            String setting, JsonNode node, Map<String, RecordComponent> settings) {
        String path = FIELD + "." + setting;
        RecordComponent component = settings.get(setting);
        if (component == null) {
            return Optional.of(
                    new FieldProblem(
                            path,
                            "unknownField",
                            "is not a setting of "
                                    + name
                                    + "; known settings: "
                                    + String.join(", ", settings.keySet()),
                            List.copyOf(settings.keySet())));
        }
        if (node.isNull()) {
            return Optional.of(
                    new FieldProblem(
                            path,
                            "notNull",
                            "must not be null; leave it out to keep the default",
                            null));
        }
        try {
            STRICT.treeToValue(node, STRICT.constructType(component.getGenericType()));
            return Optional.empty();
        } catch (JsonProcessingException | IllegalArgumentException wrongType) {
            Class<?> expected = component.getType();
            return Optional.of(
                    new FieldProblem(
                            path,
                            "type",
                            "must be " + describe(expected) + ", got " + shown(node),
                            expected.getSimpleName()));
        }
    }

    private T bind(ObjectNode merged) {
        try {
            return STRICT.treeToValue(merged, type);
        } catch (JsonProcessingException | IllegalArgumentException unbindable) {
            // every setting was checked on its own, so only a broken definition gets here
            throw new IllegalStateException(
                    "the settings of " + name + " do not bind to " + type.getName(), unbindable);
        }
    }

    /** The record's components by name, in declaration order (the order messages list them in). */
    private Map<String, RecordComponent> settings() {
        Map<String, RecordComponent> settings = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            settings.put(component.getName(), component);
        }
        return settings;
    }

    private static String describe(Class<?> expected) {
        if (expected == int.class || expected == Integer.class) {
            return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (expected == long.class || expected == Long.class) {
            return "a whole number";
        }
        if (expected == double.class || expected == Double.class) {
            return "a number";
        }
        if (expected == boolean.class || expected == Boolean.class) {
            return "true or false";
        }
        if (expected == String.class) {
            return "a string";
        }
        return "a " + expected.getSimpleName();
    }

    /** The input as JSON, cut short: messages are shown to the client and should stay readable. */
    private static String shown(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        String json = node.toString();
        return json.length() <= SHOWN_INPUT ? json : json.substring(0, SHOWN_INPUT) + "...";
    }
}
