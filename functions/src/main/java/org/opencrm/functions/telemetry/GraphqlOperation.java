package org.opencrm.functions.telemetry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.GraphQLException;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import java.util.stream.Collectors;
import org.opencrm.graphql.limits.GraphqlLimits;

/**
 * The name a GraphQL request's log line goes by: the body's {@code operationName}, else the name of
 * its operation, else (an anonymous operation) its top-level fields, e.g. {@code createCustomer}.
 * The query is parsed with the API's parser limits ({@link GraphqlLimits#parse}), so a hostile
 * document costs telemetry no more than the endpoint, which refuses it.
 */
public final class GraphqlOperation {

    static final String UNREADABLE = "(unreadable)";

    /** A document over a parser limit: the endpoint refuses it, telemetry reads no further. */
    static final String REFUSED = "(refused)";

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
            document = GraphqlLimits.parse(query);
        } catch (ParseCancelledException
                | ParseCancelledTooManyCharsException
                | ParseCancelledTooDeepException overALimit) {
            return REFUSED;
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
