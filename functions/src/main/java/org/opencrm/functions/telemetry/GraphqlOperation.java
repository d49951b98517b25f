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
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opencrm.graphql.limits.GraphqlLimits;
import org.opencrm.graphql.persisted.PersistedQueries;

/**
 * The name a GraphQL request's log line goes by: the body's {@code operationName}, else the name of
 * its operation, else (an anonymous operation) its top-level fields, e.g. {@code createCustomer}; a
 * persisted query sent by its hash alone goes by the hash's start. A query this container has run
 * before is read from the API's document cache, not parsed again; another is parsed with the API's
 * parser limits ({@link GraphqlLimits#parse}), so a hostile document costs telemetry no more than
 * the endpoint, which refuses it.
 */
public final class GraphqlOperation {

    static final String UNREADABLE = "(unreadable)";

    /** A document over a parser limit: the endpoint refuses it, telemetry reads no further. */
    static final String REFUSED = "(refused)";

    private static final int MAX_LENGTH = 100;

    /** How much of a persisted query's hash names it: enough to tell the app's operations apart. */
    private static final int HASH_SHOWN = 12;

    private static final ObjectMapper JSON = new ObjectMapper();

    private GraphqlOperation() {}

    /** The name of a request whose query is parsed here. */
    public static String nameOf(String body) {
        return nameOf(body, query -> Optional.empty());
    }

    /**
     * The name of a request.
     *
     * @param known the parsed document of a query, when it is known without parsing
     */
    public static String nameOf(String body, Function<String, Optional<Document>> known) {
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
        String query = request.path("query").asText("");
        String hash =
                request.path("extensions")
                        .path(PersistedQueries.EXTENSION)
                        .path("sha256Hash")
                        .asText("");
        if (query.isBlank() && !hash.isBlank()) {
            return "(persisted " + hash.substring(0, Math.min(HASH_SHOWN, hash.length())) + ")";
        }
        return shortened(
                known.apply(query)
                        .map(GraphqlOperation::fromDocument)
                        .orElseGet(() -> fromQuery(query)));
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
        return fromDocument(document);
    }

    private static String fromDocument(Document document) {
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
