package org.opencrm.graphql.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.opencrm.core.access.Caller;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.ErrorCode;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.HttpStatuses;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.guard.ApiProtection;
import org.opencrm.core.idempotency.Idempotency;
import org.opencrm.core.idempotency.IdempotencyInProgressException;
import org.opencrm.core.idempotency.IdempotencyKeyReusedException;
import org.opencrm.core.idempotency.IdempotencyKeys;
import org.opencrm.core.ratelimit.RateLimitedException;
import org.opencrm.core.signing.Sha256;
import org.opencrm.graphql.GraphqlRequest;
import org.opencrm.graphql.persisted.OperationManifest;
import org.opencrm.graphql.persisted.PersistedQueries;
import org.opencrm.graphql.persisted.PersistedQueryNotAllowedException;
import org.opencrm.graphql.persisted.PersistedQueryNotFoundException;

/**
 * What runs between knowing the caller and executing (issue 18 items 5-6), in this order:
 *
 * <ol>
 *   <li>the caller's request budget (429 {@code RATE_LIMITED} with {@code Retry-After});
 *   <li>automatic persisted queries and the allow-list ({@link PersistedQueries});
 *   <li>a mutation sent with an {@code Idempotency-Key} runs once: a retry gets the first answer
 *       again with {@code Idempotent-Replayed: true}; queries ignore the header.
 * </ol>
 */
public final class RequestGuards {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final ObjectMapper JSON =
            new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    // variables in any key order are the same request
    private static final ObjectMapper CANONICAL =
            new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final ApiProtection protection;
    private final PersistedQueries persisted;

    private RequestGuards(ApiProtection protection, PersistedQueries persisted) {
        this.protection = protection;
        this.persisted = persisted;
    }

    /**
     * Guards over the core's protection and the deployed operation manifest.
     *
     * @param allowListOnly run registered operations only (the stage's flag)
     */
    public static RequestGuards over(
            ApiProtection protection, boolean allowListOnly, String environment) {
        return over(protection, OperationManifest.deployed(), allowListOnly, environment);
    }

    public static RequestGuards over(
            ApiProtection protection,
            OperationManifest manifest,
            boolean allowListOnly,
            String environment) {
        return new RequestGuards(
                protection,
                new PersistedQueries(
                        protection.persistedQueries(), manifest, allowListOnly, environment));
    }

    /** No budget, no persisted queries, no idempotency: the endpoint as it was (tests). */
    public static RequestGuards none() {
        return new RequestGuards(null, null);
    }

    /**
     * Runs the request through the guards and {@code execute}; throws {@link RequestRefused} for a
     * request they refuse.
     */
    HttpResponse handle(
            HttpRequest http,
            GraphqlRequest request,
            Caller caller,
            MediaTypes.ResponseType type,
            BiFunction<GraphqlRequest, Caller, Map<String, Object>> execute) {
        if (protection == null) {
            return answer(type, execute.apply(requireText(request), caller));
        }
        try {
            protection.budgets().admitUser(caller.userId());
            PersistedQueries.Resolved resolved = persisted.resolve(request);
            String key = http.header(IdempotencyKeys.HEADER);
            GraphqlRequest runnable = resolved.request();
            if (key == null || !Operations.isMutation(runnable.query(), runnable.operationName())) {
                return answer(type, run(resolved, caller, execute));
            }
            Idempotency.Outcome outcome =
                    protection
                            .idempotency()
                            .onceForUser(
                                    caller.userId(),
                                    key,
                                    fingerprint(runnable),
                                    () -> once(resolved, caller, type, execute));
            HttpResponse answer =
                    HttpResponse.of(outcome.answer().status(), type, outcome.answer().body());
            return outcome.replayed()
                    ? answer.withHeaders(Map.of(REPLAYED_HEADER, "true"))
                    : answer;
        } catch (RateLimitedException
                | PersistedQueryNotFoundException
                | PersistedQueryNotAllowedException
                | IdempotencyKeyReusedException
                | IdempotencyInProgressException
                | ValidationException guardRefused) {
            throw refused(guardRefused);
        }
    }

    private Map<String, Object> run(
            PersistedQueries.Resolved resolved,
            Caller caller,
            BiFunction<GraphqlRequest, Caller, Map<String, Object>> execute) {
        Map<String, Object> body = execute.apply(resolved.request(), caller);
        // only a document that parsed and validated has data (GraphQL over HTTP)
        if (body.containsKey("data")) {
            persisted.register(resolved);
        }
        return body;
    }

    /** One run under an idempotency key; an internal error is not kept, so a retry runs again. */
    private Idempotency.Result once(
            PersistedQueries.Resolved resolved,
            Caller caller,
            MediaTypes.ResponseType type,
            BiFunction<GraphqlRequest, Caller, Map<String, Object>> execute) {
        Map<String, Object> body = run(resolved, caller, execute);
        Idempotency.Answer answer = new Idempotency.Answer(status(type, body), write(body));
        return hasInternalError(body)
                ? Idempotency.Result.retryable(answer)
                : Idempotency.Result.kept(answer);
    }

    /** The executed answer, 400 in graphql-response+json when it never reached execution. */
    private static HttpResponse answer(MediaTypes.ResponseType type, Map<String, Object> body) {
        return HttpResponse.of(status(type, body), type, write(body));
    }

    /** GraphQL over HTTP: no {@code data} means the request was refused before execution. */
    private static int status(MediaTypes.ResponseType type, Map<String, Object> body) {
        boolean executed = body.containsKey("data");
        return type == MediaTypes.ResponseType.GRAPHQL_RESPONSE && !executed ? 400 : 200;
    }

    private static boolean hasInternalError(Map<String, Object> body) {
        if (!(body.get("errors") instanceof List<?> errors)) {
            return false;
        }
        return errors.stream()
                .filter(Map.class::isInstance)
                .map(error -> ((Map<?, ?>) error).get("extensions"))
                .filter(Map.class::isInstance)
                .anyMatch(
                        extensions ->
                                ErrorCode.INTERNAL
                                        .name()
                                        .equals(((Map<?, ?>) extensions).get("code")));
    }

    /** What makes two requests the same: document, operation and variables. */
    private static String fingerprint(GraphqlRequest request) {
        try {
            return Sha256.hex(
                    CANONICAL.writeValueAsString(
                            Arrays.asList(
                                    request.query(),
                                    request.operationName(),
                                    request.variables())));
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException("variables could not be serialised", unwritable);
        }
    }

    private static GraphqlRequest requireText(GraphqlRequest request) {
        if (request.query() == null) {
            throw refused(
                    new ValidationException(
                            FieldProblem.of(
                                    "query",
                                    "required",
                                    "is required: persisted queries are not served here")));
        }
        return request;
    }

    private static RequestRefused refused(CrmException reason) {
        CrmException shown =
                reason instanceof ValidationException invalid
                        ? new FirstProblem(invalid.problems().get(0))
                        : reason;
        return new RequestRefused(
                HttpStatuses.of(reason.code()), shown, HttpStatuses.retryAfter(reason));
    }

    private static String write(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException unserialisable) {
            throw new IllegalStateException("response could not be serialised", unserialisable);
        }
    }

    /** A bad header or extension: one problem, shown with its field, rule and limit. */
    private static final class FirstProblem extends CrmException {
        private final transient FieldProblem problem;

        FirstProblem(FieldProblem problem) {
            super(problem.describe());
            this.problem = problem;
        }

        @Override
        public ErrorCode code() {
            return ErrorCode.BAD_USER_INPUT;
        }

        @Override
        public Map<String, Object> details() {
            return problem.asDetails();
        }
    }
}
