package org.opencrm.infra.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.introspection.IntrospectionQuery;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.Document;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.util.Map;

/**
 * The schema as the server serves it, read by introspection: whatever fields and arguments it has
 * today are what the fuzzer calls, so a new field is fuzzed without anyone adding it to a list.
 */
final class FuzzSchema {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FuzzSchema() {}

    @SuppressWarnings("unchecked")
    static GraphQLSchema introspect(FuzzHttp http, String token) {
        JsonNode answer = http.graphql(token, IntrospectionQuery.INTROSPECTION_QUERY, Map.of());
        JsonNode data = answer.path("data");
        if (!data.has("__schema")) {
            throw new IllegalStateException("introspection failed: " + answer);
        }
        Document document =
                new IntrospectionResultToSchema()
                        .createSchemaDefinition(JSON.convertValue(data, Map.class));
        return UnExecutableSchemaGenerator.makeUnExecutableSchema(
                new SchemaParser().buildRegistry(document));
    }
}
