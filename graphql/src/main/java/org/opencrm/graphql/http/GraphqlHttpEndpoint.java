package org.opencrm.graphql.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencrm.core.access.Caller;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.ErrorCode;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.graphql.CrmGraphql;
import org.opencrm.graphql.GraphqlRequest;
import org.opencrm.graphql.http.MediaTypes.ResponseType;
import org.opencrm.graphql.limits.GraphqlLimits;
import org.opencrm.graphql.persisted.PersistedQueries;

/**
 * GraphQL over HTTP (the GraphQL-over-HTTP draft): POST only, an application/json body in UTF-8,
 * one operation per request; answers application/json or application/graphql-response+json as the
 * {@code Accept} header prefers. Guards the environment, identifies the caller and executes.
 * Requests refused before GraphQL sees them are 4xx with a GraphQL error body; GraphQL errors are
 * 200 in application/json, and 400 in application/graphql-response+json when the request never
 * reached execution (no {@code data}); nothing is ever a 500 or a stack trace.
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
        ResponseType type =
                MediaTypes.negotiate(request.header("accept")).orElse(ResponseType.JSON);
        try {
            return respond(request, type);
        } catch (RuntimeException unexpected) {
            LOG.log(
                    Level.SEVERE,
                    "request " + request.requestId() + " failed outside execution",
                    unexpected);
            // data: null says execution was attempted, so the spec's 200 holds for either type
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("data", null);
            body.putAll(
                    errorBody(
                            ErrorCode.INTERNAL,
                            "Internal error; quote request id "
                                    + request.requestId()
                                    + " when reporting it",
                            Map.of("requestId", String.valueOf(request.requestId()))));
            return HttpResponse.of(200, type, write(body));
        }
    }

    private HttpResponse respond(HttpRequest request, ResponseType type) {
        Optional<HttpResponse> refused = refusedBeforeReading(request, type);
        if (refused.isPresent()) {
            return refused.get();
        }
        String declared = request.header(ENVIRONMENT_HEADER);
        if (declared != null && !declared.equals(graphql.environment())) {
            return error(
                    400,
                    type,
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
            return refusal(400, type, bad.problem);
        }
        Caller caller;
        try {
            caller =
                    authenticate.apply(
                            ClaimsCaller.from(
                                    request.claims(), request.requestId(), request.sourceIp()));
        } catch (CrmException unauthenticated) {
            return error(401, type, unauthenticated.code(), unauthenticated.getMessage(), Map.of());
        }
        // issue 18 items 5-6: budget, persisted queries, idempotency keys, then execution
        try {
            return guards.handle(request, parsed, caller, type, graphql::execute);
        } catch (RequestRefused guarded) {
            return error(
                            guarded.status(),
                            type,
                            guarded.code(),
                            guarded.getMessage(),
                            guarded.details())
                    .withHeaders(guarded.headers());
        }
    }

    /** Method, media types and size: what is refused without reading the body. */
    private Optional<HttpResponse> refusedBeforeReading(HttpRequest request, ResponseType type) {
        if (!HttpRequest.POST.equals(request.method())) {
            // no GET: a link or an image could otherwise run a query with a victim's session
            return Optional.of(
                    refusal(
                                    405,
                                    type,
                                    new FieldProblem(
                                            "method",
                                            "postOnly",
                                            "operations are sent with POST, got "
                                                    + request.method(),
                                            HttpRequest.POST))
                            .with("allow", HttpRequest.POST));
        }
        String contentType = request.header("content-type");
        if (!MediaTypes.readable(contentType)) {
            return Optional.of(
                    refusal(
                            415,
                            type,
                            new FieldProblem(
                                    "Content-Type",
                                    "contentType",
                                    "must be "
                                            + MediaTypes.JSON
                                            + " (UTF-8), got "
                                            + (contentType == null ? "none" : contentType),
                                    MediaTypes.JSON)));
        }
        String accept = request.header("accept");
        if (MediaTypes.negotiate(accept).isEmpty()) {
            return Optional.of(
                    refusal(
                            406,
                            ResponseType.JSON,
                            new FieldProblem(
                                    "Accept",
                                    "accept",
                                    "must accept "
                                            + MediaTypes.GRAPHQL_RESPONSE
                                            + " or "
                                            + MediaTypes.JSON
                                            + ", got "
                                            + accept,
                                    List.of(MediaTypes.GRAPHQL_RESPONSE, MediaTypes.JSON))));
        }
        long bytes = utf8Length(request.body());
        if (bytes > GraphqlLimits.MAX_BODY_BYTES) {
            return Optional.of(
                    refusal(
                            413,
                            type,
                            new FieldProblem(
                                    "body",
                                    "maxBytes",
                                    "at most "
                                            + GraphqlLimits.MAX_BODY_BYTES
                                            + " bytes, got "
                                            + bytes
                                            + "; large files go through createUpload",
                                    GraphqlLimits.MAX_BODY_BYTES)));
        }
        return Optional.empty();
    }

    private static GraphqlRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw new BadBody(
                    "body", "json", "must be a JSON object with a query, got an empty body");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw new BadBody(
                    "body", "json", "must be valid JSON (" + malformed.getOriginalMessage() + ")");
        }
        if (root instanceof ArrayNode) {
            throw new BadBody(
                    "body",
                    "noBatching",
                    "one operation per request: a JSON array of operations (batching) is not"
                            + " accepted");
        }
        if (!(root instanceof ObjectNode object)) {
            throw new BadBody("body", "json", "must be a JSON object with a query");
        }
        JsonNode extensions = object.get("extensions");
        if (extensions != null && !extensions.isNull() && !extensions.isObject()) {
            throw new BadBody("extensions", "object", "must be a JSON object");
        }
        JsonNode query = object.get("query");
        // issue 18: an automatic persisted query's hash may stand for the text
        boolean hashOnly =
                (query == null || query.isNull())
                        && extensions != null
                        && extensions.has(PersistedQueries.EXTENSION);
        if (!hashOnly && (query == null || !query.isTextual() || query.asText().isBlank())) {
            throw new BadBody("query", "required", "is required and must be a string");
        }
        JsonNode variables = object.get("variables");
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            throw new BadBody("variables", "object", "must be a JSON object");
        }
        JsonNode operationName = object.get("operationName");
        if (operationName != null && !operationName.isNull() && !operationName.isTextual()) {
            throw new BadBody("operationName", "string", "must be a string");
        }
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

    /** UTF-8 bytes of the text without encoding it; stops counting once over the limit. */
    static long utf8Length(String text) {
        if (text == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < text.length() && bytes <= GraphqlLimits.MAX_BODY_BYTES; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 2; // with its low surrogate, four
            } else if (Character.isLowSurrogate(c)) {
                bytes += 2;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private HttpResponse refusal(int status, ResponseType type, FieldProblem problem) {
        return HttpResponse.of(
                status,
                type,
                write(
                        errorBody(
                                ErrorCode.BAD_USER_INPUT,
                                problem.describe(),
                                problem.asDetails())));
    }

    private HttpResponse error(
            int status,
            ResponseType type,
            ErrorCode code,
            String message,
            Map<String, Object> details) {
        return HttpResponse.of(status, type, write(errorBody(code, message, details)));
    }

    /** A request error's body: one error, and the environment that answered. */
    private Map<String, Object> errorBody(
            ErrorCode code, String message, Map<String, Object> details) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        extensions.putAll(details);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", List.of(Map.of("message", message, "extensions", extensions)));
        body.put("extensions", Map.of("environment", graphql.environment()));
        return body;
    }

    private static String write(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException unserialisable) {
            throw new IllegalStateException("response could not be serialised", unserialisable);
        }
    }

    private static final class BadBody extends RuntimeException {
        private final FieldProblem problem;

        BadBody(String field, String rule, String message) {
            super(field + ": " + message, null, false, false);
            this.problem = FieldProblem.of(field, rule, message);
        }
    }
}
