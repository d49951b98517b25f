package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import graphql.introspection.Introspection;
import graphql.schema.idl.RuntimeWiring;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.config.ConfigItem;
import org.opencrm.core.customer.CustomerItem;
import org.opencrm.core.intake.LeadImportService;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.ItemTables;
import org.opencrm.core.store.JsonText;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.time.AppClock;
import org.opencrm.core.user.UserItem;
import org.opencrm.functions.telemetry.GraphqlOperation;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;
import org.opencrm.graphql.CrmGraphql;
import org.opencrm.graphql.GraphqlRequest;
import org.opencrm.graphql.http.ClaimsCaller;
import org.opencrm.graphql.http.GraphqlHttpEndpoint;
import org.opencrm.graphql.http.HttpRequest;
import org.opencrm.graphql.http.RequestGuards;
import org.opencrm.graphql.limits.GraphqlLimits;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code /graphql} behind the JWT authorizer (POST runs operations; GET is answered 405). Under
 * SnapStart it primes itself before the snapshot, so restored containers start with classes loaded
 * and the query path warm.
 */
public class GraphqlApiHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final String PRIMING_QUERY =
            "{ environment customer(id: \"__priming__\") { id name } }";
    private static final String PRIMING_BODY = "{\"query\":\"{ environment }\"}";
    private static final Map<String, String> PRIMING_HEADERS =
            Map.of("content-type", "application/json");
    private static final Map<String, String> PRIMING_CLAIMS =
            Map.of("sub", "snapstart-priming", "custom:role", "OPS_DIRECTOR");
    // not a user of the org: priming runs the query path directly, as this read-only caller
    private static final Caller PRIMING_CALLER =
            Caller.builder()
                    .userId("snapstart-priming")
                    .role(Role.OPS_DIRECTOR)
                    .requestId("snapstart-priming")
                    .sourceIp("127.0.0.1")
                    .build();

    private final CrmGraphql graphql;
    private final GraphqlHttpEndpoint endpoint;

    public GraphqlApiHandler() {
        this(warmedUpServices());
    }

    /** The services, while a second thread prepares what the schema and a first request need. */
    private static Services warmedUpServices() {
        ColdStart.warmUp(
                List.of(
                        // Jackson's first mapper (the secrets, then every request body)
                        () -> JsonText.write(Map.of()),
                        CrmGraphql::preloadSchema,
                        AccessPolicy::standard,
                        // what a first request maps: the caller, the request budget's setting,
                        // the customer
                        () -> ItemTables.schema(UserItem.class),
                        () -> ItemTables.schema(ConfigItem.class),
                        () -> ItemTables.schema(CustomerItem.class),
                        // the classes the first thread initialises next, in the order it meets
                        // them: the services' configurations and stores, the schema's wiring and
                        // introspection types
                        ColdStart.initialise(
                                CoreServices.class,
                                NotificationOutbox.class,
                                LeadImportService.class,
                                RuntimeWiring.class,
                                Introspection.class)));
        RuntimeEnvironment env = RuntimeEnvironment.current();
        DynamoDbClient dynamo = DynamoClients.dynamo(env);
        // the container's first DynamoDB call, while this thread wires the services and the schema
        String usersTable = TableNames.from(env).users();
        ColdStart.warmUp(List.of(() -> Services.readNobody(dynamo, usersTable)));
        return Services.from(env, AppClock.SHARED, dynamo);
    }

    GraphqlApiHandler(Services services) {
        ColdStart.warmUp(firstRequestReads(services));
        this.graphql = CrmGraphql.build(services.core(), services.environment());
        this.endpoint =
                new GraphqlHttpEndpoint(
                        graphql,
                        services.core().users()::authenticate,
                        // issue 18: budgets, persisted queries and their allow-list, idempotency
                        RequestGuards.over(
                                services.core().protection(),
                                allowListOnly(RuntimeEnvironment.current(), services.environment()),
                                services.environment()));
        Priming.register(this, GraphqlApiHandler::prime);
    }

    /**
     * What every request reads, whoever sends it, started on a second thread while this thread
     * builds the schema: the request budgets' setting, which stays cached for the requests after,
     * and one users-table read of a mapped user (one nobody is), which loads the Enhanced Client's
     * read path the first request's caller check takes. Read-only. The same key's plain read at
     * client build ({@link Services#readNobody}) comes first because it needs no services: it opens
     * the connection and loads the SDK's path while the services are wired.
     *
     * <p>Why: measured by {@code ColdStartBench}, the warm-up thread has finished its own tasks by
     * then, so these reads take a core that would idle, and a first request's own reads took half
     * as long again as the bare SDK's first {@code GetItem} (README, cold start).
     */
    static List<Runnable> firstRequestReads(Services services) {
        return List.of(
                () -> services.core().protection().budgets().limits(),
                () -> services.core().users().findOptional(Priming.SUBJECT),
                // the request's log line and metrics
                ColdStart.initialise(Telemetry.class));
    }

    /** Whether this stage runs registered operations only (template.yaml names the stages). */
    static boolean allowListOnly(RuntimeEnvironment env, String stage) {
        return env.find(RuntimeEnvironment.OPERATION_ALLOW_LIST_STAGES)
                .map(stages -> Arrays.stream(stages.split(",")).map(String::strip).toList())
                .orElse(List.of())
                .contains(stage);
    }

    /**
     * Read-only priming: one request through {@link #handleRequest}, as API Gateway hands it on
     * (event translation, telemetry with its log line and metrics built but not written, parsing
     * and the user-status check, which refuses it: the priming subject is no user), then one query
     * through GraphQL execution, the access policy and a DynamoDB GetItem. Returns the query's
     * response body.
     */
    Map<String, Object> prime() {
        Telemetry.unwritten(() -> handleRequest(primingRequest(), null));
        return graphql.execute(new GraphqlRequest(PRIMING_QUERY, null, Map.of()), PRIMING_CALLER);
    }

    /** A small query from the priming subject, with the claims the JWT authorizer would add. */
    private static APIGatewayV2HTTPEvent primingRequest() {
        APIGatewayV2HTTPEvent event = Priming.anonymousRequest("POST /graphql", Map.of());
        event.setHeaders(PRIMING_HEADERS);
        event.setBody(PRIMING_BODY);
        event.getRequestContext()
                .setAuthorizer(
                        APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(
                                        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT
                                                .builder()
                                                .withClaims(PRIMING_CLAIMS)
                                                .build())
                                .build());
        return event;
    }

    /**
     * The log line's operation: read from the body only when the endpoint will read it too, so an
     * oversized or non-JSON body is never parsed for logging either; a query this container ran
     * before is named from the document the endpoint parsed then.
     */
    private String operationName(HttpRequest request) {
        String body = request.body();
        if (body == null || body.length() > GraphqlLimits.MAX_BODY_BYTES) {
            return GraphqlOperation.nameOf(null);
        }
        return GraphqlOperation.nameOf(body, graphql::knownDocument);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(
            APIGatewayV2HTTPEvent event, com.amazonaws.services.lambda.runtime.Context context) {
        HttpRequest request = ApiGatewayHttp.request(event);
        WorkUnit unit =
                WorkUnit.apiRequest(
                        request.requestId(),
                        operationName(request),
                        request.claims().get(ClaimsCaller.SUBJECT),
                        request.claims().get(ClaimsCaller.ROLE));
        return Telemetry.observe(
                unit,
                context,
                () -> ApiGatewayHttp.response(endpoint.handle(request)),
                response -> WorkOutcome.ofResponse(response.getStatusCode(), response.getBody()));
    }
}
