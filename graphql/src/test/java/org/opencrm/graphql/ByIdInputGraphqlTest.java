package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opencrm.core.input.InputRules;

/**
 * Issue 18: every query and mutation that takes an id ({@code ID}, {@code ID!} or a list of them),
 * found in the schema itself so a new one is covered without being listed here, answers an empty or
 * a 3 KB id with BAD_USER_INPUT naming the argument, the rule and the limit, and a well-formed id
 * that names nothing with anything but INTERNAL. Every other argument is given a plausible value,
 * so the id is what gets judged.
 */
class ByIdInputGraphqlTest {

    private static final String THREE_KB = "x".repeat(3 * 1024);
    private static final GraphQLSchema SCHEMA = schema();

    private final GraphqlFixture api = new GraphqlFixture();
    private final Map<String, String> admin =
            api.claims("admin-" + java.util.UUID.randomUUID(), "ADMIN", "east");

    /** A root field and one of its id arguments. */
    private record ByIdArgument(
            String operation, GraphQLFieldDefinition field, GraphQLArgument id) {

        @Override
        public String toString() {
            return operation + " " + field.getName() + "(" + id.getName() + ")";
        }
    }

    @Test
    void theSchemaHasTheByIdFieldsTheIssueMeasured() {
        // GIVEN the by-id arguments derived from the schema
        List<String> found = byIdArguments().stream().map(Object::toString).toList();

        // THEN the ones measured answering INTERNAL are among them, so derivation finds fields
        for (String measured :
                List.of(
                        "query customer(id)",
                        "query lead(id)",
                        "query user(id)",
                        "query leadImport(id)",
                        "query auditTrail(entityId)")) {
            assertTrue(found.contains(measured), measured + " not in " + found);
        }
    }

    @TestFactory
    Stream<DynamicTest> anEmptyId_isBadUserInput_minLength() {
        return byIdArguments().stream()
                .map(
                        argument ->
                                DynamicTest.dynamicTest(
                                        argument + " with \"\"",
                                        () -> refused(argument, "", "minLength", 1)));
    }

    @TestFactory
    Stream<DynamicTest> aThreeKilobyteId_isBadUserInput_maxLength() {
        return byIdArguments().stream()
                .map(
                        argument ->
                                DynamicTest.dynamicTest(
                                        argument + " with 3 KB",
                                        () ->
                                                refused(
                                                        argument,
                                                        THREE_KB,
                                                        "maxLength",
                                                        InputRules.ID_MAX)));
    }

    @TestFactory
    Stream<DynamicTest> aWellFormedIdOfNothing_isNeverInternal() {
        return byIdArguments().stream()
                .map(
                        argument ->
                                DynamicTest.dynamicTest(
                                        argument + " with an absent id",
                                        () -> {
                                            JsonNode body =
                                                    call(
                                                            argument,
                                                            "no-such-record-" + System.nanoTime());
                                            for (JsonNode error : body.path("errors")) {
                                                assertFalse(
                                                        "INTERNAL"
                                                                .equals(
                                                                        error.at("/extensions/code")
                                                                                .asText()),
                                                        argument + ": " + body);
                                            }
                                        }));
    }

    private void refused(ByIdArgument argument, String id, String rule, int limit) {
        // WHEN the field is called with the id (every other argument plausible)
        JsonNode body = call(argument, id);

        // THEN one error names the id argument with its rule and limit, and nothing is INTERNAL
        String field = argument.id().getName() + (isList(argument.id()) ? ".0" : "");
        List<JsonNode> onId = new ArrayList<>();
        for (JsonNode error : body.path("errors")) {
            assertFalse(
                    "INTERNAL".equals(error.at("/extensions/code").asText()),
                    argument + ": " + body);
            if (field.equals(error.at("/extensions/field").asText())) {
                onId.add(error);
            }
        }
        assertEquals(1, onId.size(), argument + ": " + body);
        JsonNode error = onId.get(0);
        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText(), body.toString());
        assertEquals(rule, error.at("/extensions/rule").asText(), body.toString());
        assertEquals(limit, error.at("/extensions/limit").asInt(), body.toString());
    }

    private JsonNode call(ByIdArgument argument, String id) {
        Map<String, Object> variables = new LinkedHashMap<>();
        List<String> definitions = new ArrayList<>();
        List<String> passed = new ArrayList<>();
        for (GraphQLArgument each : argument.field().getArguments()) {
            boolean isTheId = each.getName().equals(argument.id().getName());
            Object value = isTheId ? (isList(each) ? List.of(id) : id) : plausible(each.getType());
            if (value == null) {
                continue;
            }
            definitions.add(
                    "$" + each.getName() + ": " + GraphQLTypeUtil.simplePrint(each.getType()));
            passed.add(each.getName() + ": $" + each.getName());
            variables.put(each.getName(), value);
        }
        String query =
                argument.operation()
                        + " ("
                        + String.join(", ", definitions)
                        + ") { "
                        + argument.field().getName()
                        + "("
                        + String.join(", ", passed)
                        + ")"
                        + selection(argument.field())
                        + " }";
        return api.run(admin, query, variables);
    }

    private static boolean isList(GraphQLArgument argument) {
        return GraphQLTypeUtil.unwrapNonNull(argument.getType()) instanceof GraphQLList;
    }

    private static String selection(GraphQLFieldDefinition field) {
        return GraphQLTypeUtil.unwrapAll(field.getType()) instanceof GraphQLObjectType
                ? " { __typename }"
                : "";
    }

    /** A value of the type a client might send; null for an optional argument left out. */
    private static Object plausible(GraphQLType type) {
        if (!(type instanceof GraphQLNonNull nonNull)) {
            return null;
        }
        return value(nonNull.getWrappedType());
    }

    private static Object value(GraphQLType type) {
        GraphQLType bare = GraphQLTypeUtil.unwrapNonNull(type);
        if (bare instanceof GraphQLList list) {
            return List.of(value(list.getWrappedType()));
        }
        if (bare instanceof GraphQLEnumType enumType) {
            return enumType.getValues().get(0).getName();
        }
        if (bare instanceof GraphQLInputObjectType object) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
                if (field.getType() instanceof GraphQLNonNull) {
                    fields.put(field.getName(), value(field.getType()));
                }
            }
            return fields;
        }
        return switch (((GraphQLScalarType) bare).getName()) {
            case "Int" -> 1;
            case "Float" -> 1.0;
            case "Boolean" -> false;
            case "DateTime" -> "2026-01-01T00:00:00.000Z";
            case "Money" -> "1.00";
            case "JSON" -> Map.of();
            case "ID" -> "some-id";
            default -> "x";
        };
    }

    /** Every argument of a query or mutation whose type is an id or a list of ids. */
    private static List<ByIdArgument> byIdArguments() {
        List<ByIdArgument> found = new ArrayList<>();
        collect("query", SCHEMA.getQueryType(), found);
        collect("mutation", SCHEMA.getMutationType(), found);
        return found;
    }

    private static void collect(
            String operation, GraphQLObjectType root, List<ByIdArgument> found) {
        for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
            for (GraphQLArgument argument : field.getArguments()) {
                GraphQLType bare = GraphQLTypeUtil.unwrapAll(argument.getType());
                if (bare instanceof GraphQLScalarType scalar && scalar.getName().equals("ID")) {
                    found.add(new ByIdArgument(operation, field, argument));
                }
            }
        }
    }

    private static GraphQLSchema schema() {
        SchemaParser parser = new SchemaParser();
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        for (String file : CrmGraphql.SCHEMA_FILES) {
            try (InputStream in =
                    ByIdInputGraphqlTest.class
                            .getClassLoader()
                            .getResourceAsStream("graphql/" + file)) {
                registry.merge(parser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }
        return UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
    }
}
