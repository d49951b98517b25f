package org.opencrm.graphql;

import java.util.Map;

/** A GraphQL-over-HTTP request body. */
public record GraphqlRequest(String query, String operationName, Map<String, Object> variables) {

    public GraphqlRequest {
        variables = variables == null ? Map.of() : variables;
    }

    public static GraphqlRequest of(String query) {
        return new GraphqlRequest(query, null, Map.of());
    }

    public static GraphqlRequest of(String query, Map<String, Object> variables) {
        return new GraphqlRequest(query, null, variables);
    }
}
