package org.opencrm.infra.fuzz;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GraphQL documents and variables derived from the served schema: one call of a root field, with
 * arguments plausible or hostile by their types, and a selection of the result's fields (nested
 * fields with arguments included), so every query and mutation, and every argument the schema will
 * ever have, is reached without a list to keep up to date.
 */
final class GraphqlCases {

    /** How hostile a call's arguments are. */
    enum Mode {
        /** Every argument plausible: the call reaches the domain. */
        PLAUSIBLE,
        /** One argument hostile, the rest plausible: that argument is what gets judged. */
        ONE_HOSTILE,
        /** Every argument hostile, or of the wrong type, or missing. */
        CHAOS
    }

    /** A document with its variables. */
    record Call(String label, String query, Map<String, Object> variables) {}

    /** A root field and the operation that holds it. */
    record RootField(String operation, GraphQLFieldDefinition field) {}

    private static final int MAX_SELECTION_DEPTH = 2;

    private final GraphQLSchema schema;
    private final FuzzValues values;
    private final FuzzTargets targets;

    GraphqlCases(GraphQLSchema schema, FuzzValues values, FuzzTargets targets) {
        this.schema = schema;
        this.values = values;
        this.targets = targets;
    }

    /** Every query and mutation field, in schema order. */
    List<RootField> rootFields() {
        List<RootField> fields = new ArrayList<>();
        schema.getQueryType()
                .getFieldDefinitions()
                .forEach(field -> fields.add(new RootField("query", field)));
        if (schema.getMutationType() != null) {
            schema.getMutationType()
                    .getFieldDefinitions()
                    .forEach(field -> fields.add(new RootField("mutation", field)));
        }
        return fields;
    }

    /** The root fields that take an id ({@code ID} or {@code ID!}) as an argument. */
    List<RootField> byIdFields() {
        return rootFields().stream()
                .filter(
                        root ->
                                root.field().getArguments().stream()
                                        .anyMatch(argument -> isId(argument.getType())))
                .toList();
    }

    static boolean isId(GraphQLType type) {
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
        return bare instanceof GraphQLScalarType scalar && scalar.getName().equals("ID");
    }

    /**
     * The root field a GraphQL call of the fuzzer aims at ({@code "query customer"}), read from the
     * label {@link #call} gives it; empty for every other request.
     */
    static Optional<String> rootOf(FuzzRequest request) {
        if (!request.kind().equals("graphql")) {
            return Optional.empty();
        }
        String[] words = request.label().split(" ", 3);
        return words.length < 2 ? Optional.empty() : Optional.of(words[0] + " " + words[1]);
    }

    Call call(RootField root, Mode mode) {
        GraphQLFieldDefinition field = root.field();
        List<GraphQLArgument> arguments = field.getArguments();
        int hostile = arguments.isEmpty() ? -1 : values.random().nextInt(arguments.size());
        Map<String, Object> variables = new LinkedHashMap<>();
        List<String> definitions = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            GraphQLArgument argument = arguments.get(i);
            boolean bad = mode == Mode.CHAOS || (mode == Mode.ONE_HOSTILE && i == hostile);
            addArgument(argument, bad, variables, definitions, passed);
        }
        String label =
                root.operation()
                        + " "
                        + field.getName()
                        + " "
                        + mode
                        + (hostile >= 0 && mode == Mode.ONE_HOSTILE
                                ? " (" + arguments.get(hostile).getName() + ")"
                                : "");
        return new Call(label, document(root, definitions, passed), variables);
    }

    /** A call with one id argument set to {@code id} and every other argument plausible. */
    Call withId(RootField root, String idArgument, String id) {
        Map<String, Object> variables = new LinkedHashMap<>();
        List<String> definitions = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        for (GraphQLArgument argument : root.field().getArguments()) {
            if (argument.getName().equals(idArgument)) {
                String variable = "v" + definitions.size();
                definitions.add(
                        "$" + variable + ": " + GraphQLTypeUtil.simplePrint(argument.getType()));
                passed.add(argument.getName() + ": $" + variable);
                variables.put(variable, id);
                continue;
            }
            addArgument(argument, false, variables, definitions, passed);
        }
        return new Call(
                root.operation() + " " + root.field().getName() + " " + idArgument,
                document(root, definitions, passed),
                variables);
    }

    private void addArgument(
            GraphQLArgument argument,
            boolean bad,
            Map<String, Object> variables,
            List<String> definitions,
            List<String> passed) {
        GraphQLInputType type = argument.getType();
        boolean required = type instanceof GraphQLNonNull;
        if (!required && values.chance(bad ? 0.1 : 0.4)) {
            return; // an optional argument left out
        }
        if (bad && required && values.chance(0.05)) {
            return; // a required argument left out
        }
        Object value = bad ? hostile(type, 0) : plausible(type, argument.getName(), 0);
        if (!bad && values.chance(0.15) && literalSafe(value)) {
            passed.add(argument.getName() + ": " + GraphqlLiterals.print(value, type));
            return;
        }
        String variable = "v" + definitions.size();
        definitions.add("$" + variable + ": " + GraphQLTypeUtil.simplePrint(type));
        passed.add(argument.getName() + ": $" + variable);
        variables.put(variable, value);
    }

    private static boolean literalSafe(Object value) {
        return value == null || value instanceof String || value instanceof Number;
    }

    private String document(RootField root, List<String> definitions, List<String> passed) {
        GraphQLFieldDefinition field = root.field();
        StringBuilder document = new StringBuilder(root.operation()).append(" Fuzz");
        if (!definitions.isEmpty()) {
            document.append('(').append(String.join(", ", definitions)).append(')');
        }
        document.append(" { ").append(field.getName());
        if (!passed.isEmpty()) {
            document.append('(').append(String.join(", ", passed)).append(')');
        }
        document.append(selection(field.getType(), 0)).append(" }");
        return document.toString();
    }

    /** A selection of the type's fields: scalars, and a few object fields with arguments. */
    String selection(GraphQLOutputType type, int depth) {
        GraphQLType bare = GraphQLTypeUtil.unwrapAll(type);
        if (!(bare instanceof GraphQLObjectType object)) {
            return GraphQLTypeUtil.isLeaf(bare) ? "" : " { __typename }";
        }
        List<String> picked = new ArrayList<>();
        picked.add("__typename");
        List<GraphQLFieldDefinition> fields = new ArrayList<>(object.getFieldDefinitions());
        Collections.shuffle(fields, values.random());
        int nested = 0;
        for (GraphQLFieldDefinition field : fields) {
            boolean leaf = GraphQLTypeUtil.isLeaf(GraphQLTypeUtil.unwrapAll(field.getType()));
            if (leaf && field.getArguments().isEmpty()) {
                picked.add(field.getName());
            } else if (!leaf && depth < MAX_SELECTION_DEPTH && nested < 2 && values.chance(0.5)) {
                picked.add(nestedField(field, depth));
                nested++;
            }
        }
        return " { " + String.join(" ", picked) + " }";
    }

    private String nestedField(GraphQLFieldDefinition field, int depth) {
        List<String> arguments = new ArrayList<>();
        for (GraphQLArgument argument : field.getArguments()) {
            boolean required = argument.getType() instanceof GraphQLNonNull;
            if (!required && values.chance(0.5)) {
                continue;
            }
            Object value = plausible(argument.getType(), argument.getName(), 0);
            if (values.chance(0.2)) {
                value = hostile(argument.getType(), 0);
            }
            if (!literalSafe(value)) {
                continue;
            }
            arguments.add(
                    argument.getName() + ": " + GraphqlLiterals.print(value, argument.getType()));
        }
        String passed = arguments.isEmpty() ? "" : "(" + String.join(", ", arguments) + ")";
        return field.getName() + passed + selection(field.getType(), depth + 1);
    }

    /** A value of the type a client might send. */
    Object plausible(GraphQLType type, String name, int depth) {
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
        if (bare instanceof GraphQLList list) {
            int size = depth > 2 ? 0 : values.between(0, 2);
            return values.listOf(size, () -> plausible(list.getWrappedType(), name, depth + 1));
        }
        if (bare instanceof GraphQLInputObjectType object) {
            return plausibleObject(object, depth);
        }
        if (bare instanceof GraphQLEnumType enumType) {
            return enumValue(enumType);
        }
        return plausibleScalar(((GraphQLScalarType) bare).getName(), name);
    }

    private Map<String, Object> plausibleObject(GraphQLInputObjectType object, int depth) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
            boolean required = field.getType() instanceof GraphQLNonNull;
            if (required || (depth < 3 && values.chance(0.5))) {
                fields.put(field.getName(), plausible(field.getType(), field.getName(), depth + 1));
            }
        }
        return fields;
    }

    private String enumValue(GraphQLEnumType type) {
        List<GraphQLEnumValueDefinition> enumValues = type.getValues();
        return values.pick(enumValues).getName();
    }

    private Object plausibleScalar(String scalar, String name) {
        return switch (scalar) {
            case "ID" -> values.id(targets.ids());
            case "Int" -> name.equals("first") ? values.between(1, 20) : values.between(0, 5);
            case "Float" -> values.between(0, 100) / 4.0;
            case "Boolean" -> values.chance(0.5);
            case "DateTime" -> values.dateTime();
            case "Money" -> values.money();
            case "JSON" -> values.plainJson();
            default -> plausibleString(name);
        };
    }

    private String plausibleString(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("channel")) {
            return values.pick(targets.channels());
        }
        if (lower.contains("region")) {
            return values.pick(List.of("east", "south", "north"));
        }
        if (lower.equals("after")) {
            return values.pick(List.of("djE6MjAyNi0wMS0wMVQwMDowMDowMC4wMDAwMDBaI3g", "v1"));
        }
        if (lower.contains("date") || lower.contains("month")) {
            return values.pick(List.of("2026-03-01", "2026-03"));
        }
        return values.plainText();
    }

    /** A value of the type (or not of it) that no well-behaved client sends. */
    Object hostile(GraphQLType type, int depth) {
        if (values.chance(0.08)) {
            return wrongType();
        }
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
        if (bare instanceof GraphQLList list) {
            return hostileList(list, depth);
        }
        if (bare instanceof GraphQLInputObjectType object) {
            return hostileObject(object, depth);
        }
        if (bare instanceof GraphQLEnumType) {
            return values.pick(List.of("", "NOT_A_VALUE", "lower", values.hostileText()));
        }
        return switch (((GraphQLScalarType) bare).getName()) {
            case "ID" -> values.hostileId();
            case "Int" -> values.hostileInt();
            case "Float" -> values.hostileFloat();
            case "Boolean" -> values.pick(List.of("true", 1, "yes"));
            case "DateTime" -> values.hostileDateTime();
            case "Money" -> values.hostileMoney();
            case "JSON" -> values.hostileJson();
            default -> values.hostileText();
        };
    }

    private Object hostileList(GraphQLList list, int depth) {
        int shape = values.random().nextInt(5);
        if (shape == 0 || depth > 2) {
            return values.listOf(values.between(501, 1_200), () -> values.word(4));
        }
        if (shape == 1) {
            List<Object> withNull = new ArrayList<>();
            withNull.add(null);
            return withNull;
        }
        if (shape == 2) {
            return values.nested(values.between(5, 60));
        }
        return values.listOf(values.between(1, 3), () -> hostile(list.getWrappedType(), depth + 1));
    }

    private Object hostileObject(GraphQLInputObjectType object, int depth) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
            boolean required = field.getType() instanceof GraphQLNonNull;
            if (values.chance(0.6)) {
                fields.put(
                        field.getName(),
                        depth > 2
                                ? values.hostileText()
                                : values.chance(0.5)
                                        ? hostile(field.getType(), depth + 1)
                                        : plausible(field.getType(), field.getName(), depth + 1));
            } else if (required && values.chance(0.7)) {
                fields.put(field.getName(), plausible(field.getType(), field.getName(), depth + 1));
            }
        }
        if (values.chance(0.15)) {
            fields.put("notAField", "x");
        }
        return fields;
    }

    private Object wrongType() {
        return switch (values.random().nextInt(6)) {
            case 0 -> Map.of("a", 1);
            case 1 -> List.of(1, "two", Map.of());
            case 2 -> 42;
            case 3 -> true;
            case 4 -> values.nested(40);
            default -> "text";
        };
    }
}
