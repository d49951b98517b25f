package org.opencrm.functions.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.GraphQLException;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import java.util.stream.Collectors;

/**
 * The name a GraphQL request's log line goes by: the body's {@code operationName}, else the name of
 * its operation, else (an anonymous operation) its top-level fields, e.g. {@code createCustomer}.
 */
public final class GraphqlOperation {

    static final String UNREADABLE = "(unreadable)";
    private static final int MAX_LENGTH = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private GraphqlOperation() {}

    public static String nameOf(String body) {
        if (body == null || body.isBlank()) {
            return UNREADABLE;
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            return UNREADABLE;
        }
        String named = request.path("operationName").asText("");
        if (!named.isBlank()) {
            return shortened(named);
        }
        return shortened(fromQuery(request.path("query").asText("")));
    }

    private static String fromQuery(String query) {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (GraphQLException | IllegalArgumentException unparsable) {
            return UNREADABLE;
        }
        return document.getDefinitionsOfType(OperationDefinition.class).stream()
                .findFirst()
                .map(GraphqlOperation::nameOf)
                .orElse(UNREADABLE);
    }

    private static String nameOf(OperationDefinition operation) {
        if (operation.getName() != null) {
            return operation.getName();
        }
        return operation.getSelectionSet().getSelectionsOfType(Field.class).stream()
                .map(Field::getName)
                .collect(Collectors.joining(","));
    }

    private static String shortened(String name) {
        return name.length() <= MAX_LENGTH ? name : name.substring(0, MAX_LENGTH);
    }
}
