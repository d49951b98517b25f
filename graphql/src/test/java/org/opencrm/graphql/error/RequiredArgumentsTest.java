package org.opencrm.graphql.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * graphql-java refuses a missing required argument before our rules run; its own messages, from a
 * real graphql-java schema, are read back to the argument's name.
 */
class RequiredArgumentsTest {

    private static final GraphQL GRAPHQL = graphql();

    @Test
    void anArgumentLeftOut_isNamed() {
        String query = "mutation { close(id: \"1\") }";

        assertEquals(Optional.of("reasonId"), refused(query, Map.of()));
    }

    @Test
    void aVariableSentNull_namesTheArgumentItIsPassedTo_notTheVariable() {
        String query = "mutation($r: String!) { close(id: \"1\", reasonId: $r) }";
        Map<String, Object> variables = new HashMap<>();
        variables.put("r", null);

        assertEquals(Optional.of("reasonId"), refused(query, variables));
    }

    @Test
    void aVariableSentNull_insideAnInputObject_namesTheInputField() {
        String query = "mutation($n: String!) { rename(input: {id: \"1\", name: $n}) }";
        Map<String, Object> variables = new HashMap<>();
        variables.put("n", null);

        assertEquals(Optional.of("name"), refused(query, variables));
    }

    @Test
    void aVariableLeftOutOfTheVariables_namesTheArgumentItIsPassedTo() {
        String query = "mutation($r: String!) { close(id: \"1\", reasonId: $r) }";

        assertEquals(Optional.of("reasonId"), refused(query, Map.of()));
    }

    @Test
    void anErrorThatIsNotAboutAMissingArgument_namesNothing() {
        String query = "mutation { close(id: \"1\", reasonId: \"x\", nonsense: 1) }";

        assertEquals(Optional.empty(), refused(query, Map.of()));
    }

    private static Optional<String> refused(String query, Map<String, Object> variables) {
        List<GraphQLError> errors =
                GRAPHQL.execute(
                                ExecutionInput.newExecutionInput()
                                        .query(query)
                                        .variables(variables)
                                        .build())
                        .getErrors();
        assertEquals(1, errors.size(), errors.toString());
        return RequiredArguments.refused(errors.get(0).getMessage(), query);
    }

    private static GraphQL graphql() {
        String sdl =
                "type Query { ok: String }\n"
                        + "input Rename { id: ID!, name: String! }\n"
                        + "type Mutation { close(id: ID!, reasonId: String!): String,"
                        + " rename(input: Rename!): String }";
        GraphQLSchema schema =
                new SchemaGenerator()
                        .makeExecutableSchema(
                                new SchemaParser().parse(sdl),
                                RuntimeWiring.newRuntimeWiring().build());
        return GraphQL.newGraphQL(schema).build();
    }
}
