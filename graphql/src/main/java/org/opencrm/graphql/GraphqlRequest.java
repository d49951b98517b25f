package org.opencrm.graphql;

import java.util.Map;

/**
 * A GraphQL-over-HTTP request body.
 *
 * @param query the document; null only while a persisted query's hash stands for it
 * @param extensions the request's {@code extensions} (Apollo's {@code persistedQuery})
 */
public record GraphqlRequest(
        String query,
        String operationName,
        Map<String, Object> variables,
        Map<String, Object> extensions) {

    public GraphqlRequest {
        variables = variables == null ? Map.of() : variables;
        extensions = extensions == null ? Map.of() : extensions;
    }

    public GraphqlRequest(String query, String operationName, Map<String, Object> variables) {
        this(query, operationName, variables, Map.of());
    }

    public static GraphqlRequest of(String query) {
        return new GraphqlRequest(query, null, Map.of());
    }

    public static GraphqlRequest of(String query, Map<String, Object> variables) {
        return new GraphqlRequest(query, null, variables);
    }

    /** The same request with its document filled in (from a persisted query's hash). */
    public GraphqlRequest withQuery(String text) {
        return new GraphqlRequest(text, operationName, variables, extensions);
    }
}
