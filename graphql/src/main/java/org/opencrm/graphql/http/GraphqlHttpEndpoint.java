package org.opencrm.graphql.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencrm.core.access.Caller;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.ErrorCode;
import org.opencrm.graphql.CrmGraphql;
import org.opencrm.graphql.GraphqlRequest;
import org.opencrm.graphql.persisted.PersistedQueries;

/**
 * GraphQL over HTTP: guards the environment, parses the body, identifies the caller and
 * executes. Request errors (bad JSON, wrong environment, no caller) are 4xx with a GraphQL error
 * body; execution errors are 200 with {@code errors}; nothing is ever a 500 or a stack trace.
 */
public final class GraphqlHttpEndpoint {

    public static final String ENVIRONMENT_HEADER = "x-crm-env";
    private static final Logger LOG = Logger.getLogger(GraphqlHttpEndpoint.class.getName());
    private static final ObjectMapper JSON =
            new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final CrmGraphql graphql;
    private final UnaryOperator<Caller> authenticate;
    private final RequestGuards guards;

    /**
     * @param authenticate turns the caller the verified claims name into the caller as the org
     *     knows it now, or throws UNAUTHENTICATED (suspended, departed, unknown)
     */
    public GraphqlHttpEndpoint(CrmGraphql graphql, UnaryOperator<Caller> authenticate) {
        this(graphql, authenticate, RequestGuards.none());
    }

    /**
     * @param guards request budgets, persisted queries and idempotency keys (issue 18)
     */
    public GraphqlHttpEndpoint(
            CrmGraphql graphql, UnaryOperator<Caller> authenticate, RequestGuards guards) {
        this.graphql = graphql;
        this.authenticate = authenticate;
        this.guards = guards;
    }

    public HttpResponse handle(HttpRequest request) {
        try {
            return respond(request);
        } catch (RuntimeException unexpected) {
            LOG.log(
                    Level.SEVERE,
                    "request " + request.requestId() + " failed outside execution",
                    unexpected);
            return error(
                    200,
                    ErrorCode.INTERNAL,
                    "Internal error; quote request id "
                            + request.requestId()
                            + " when reporting it",
                    Map.of("requestId", String.valueOf(request.requestId())));
        }
    }

    private HttpResponse respond(HttpRequest request) {
        String declared = request.header(ENVIRONMENT_HEADER);
        if (declared != null && !declared.equals(graphql.environment())) {
            return error(
                    400,
                    ErrorCode.ENVIRONMENT_MISMATCH,
                    "X-Crm-Env: this is the "
                            + graphql.environment()
                            + " environment, the request was meant for "
                            + declared,
                    Map.of("requested", declared));
        }
        GraphqlRequest parsed;
        try {
            parsed = parse(request.body());
        } catch (BadBody bad) {
            return error(
                    400, ErrorCode.BAD_USER_INPUT, bad.getMessage(), Map.of("field", bad.field));
        }
        Caller caller;
        try {
            caller =
                    authenticate.apply(
                            ClaimsCaller.from(
                                    request.claims(), request.requestId(), request.sourceIp()));
        } catch (CrmException unauthenticated) {
            return error(401, unauthenticated.code(), unauthenticated.getMessage(), Map.of());
        }
        // issue 18 items 5-6: budget, persisted queries, idempotency keys, then execution
        try {
            return guards.handle(request, parsed, caller, graphql::execute);
        } catch (RequestRefused refused) {
            return error(refused.status(), refused.code(), refused.getMessage(), refused.details())
                    .withHeaders(refused.headers());
        }
    }

    private static GraphqlRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw new BadBody(
                    "body", "body: must be a JSON object with a query, got an empty body");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw new BadBody(
                    "body", "body: must be valid JSON (" + malformed.getOriginalMessage() + ")");
        }
        if (!(root instanceof ObjectNode object)) {
            throw new BadBody("body", "body: must be a JSON object with a query");
        }
        JsonNode extensions = object.get("extensions");
        if (extensions != null && !extensions.isNull() && !extensions.isObject()) {
            throw new BadBody("extensions", "extensions: must be a JSON object");
        }
        JsonNode query = object.get("query");
        // issue 18: an automatic persisted query's hash may stand for the text
        boolean hashOnly =
                (query == null || query.isNull())
                        && extensions != null
                        && extensions.has(PersistedQueries.EXTENSION);
        if (!hashOnly && (query == null || !query.isTextual() || query.asText().isBlank())) {
            throw new BadBody("query", "query: is required and must be a string");
        }
        JsonNode variables = object.get("variables");
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            throw new BadBody("variables", "variables: must be a JSON object");
        }
        JsonNode operationName = object.get("operationName");
        @SuppressWarnings("unchecked")
        Map<String, Object> variableMap =
                variables == null || variables.isNull()
                        ? Map.of()
                        : JSON.convertValue(variables, Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> extensionMap =
                extensions == null || extensions.isNull()
                        ? Map.of()
                        : JSON.convertValue(extensions, Map.class);
        return new GraphqlRequest(
                hashOnly ? null : query.asText(),
                operationName == null || operationName.isNull() ? null : operationName.asText(),
                variableMap,
                extensionMap);
    }

    private HttpResponse error(
            int status, ErrorCode code, String message, Map<String, Object> details) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        extensions.putAll(details);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(Map.of("message", message, "extensions", extensions)));
        body.put("extensions", Map.of("environment", graphql.environment()));
        return HttpResponse.json(status, write(body));
    }

    private static String write(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException unserialisable) {
            throw new IllegalStateException("response could not be serialised", unserialisable);
        }
    }

    private static final class BadBody extends RuntimeException {
        private final String field;

        BadBody(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
