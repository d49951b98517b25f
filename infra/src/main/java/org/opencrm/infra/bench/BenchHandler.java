package org.opencrm.infra.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.intake.LeadChannels;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.secrets.FileSecretSource;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.TableNames;
import org.opencrm.infra.aws.DynamoDbLocalServer;
import org.opencrm.infra.aws.LocalAws;
import org.opencrm.infra.demo.DemoOrgSeed;
import org.opencrm.infra.demo.LocalLimits;
import org.opencrm.infra.functions.FunctionEnvironment;
import org.opencrm.template.FunctionSpec;
import org.opencrm.template.HttpApiRoute;
import org.opencrm.template.SamTemplate;
import org.opencrm.template.TableProvisioner;
import org.opencrm.template.TableSpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the benches that time the GraphQL handler in process share: the template's GraphQL function,
 * the handler built as Lambda builds it, and one call as API Gateway would make it, as the admin.
 */
final class BenchHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchHandler() {}

    /**
     * What a bench body gets: DynamoDB Local with the template's tables and the demo org (every
     * request is checked against its user's record, as in AWS: the caller is the demo admin), a
     * client built with the same factory and environment as the handler's, and the handler.
     */
    record Engine(
            DynamoDbClient dynamo,
            TableNames tables,
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
            FunctionEnvironment environment) {}

    /** A bench body given the engine. */
    @FunctionalInterface
    interface Body {
        void run(Engine engine) throws Exception;
    }

    /**
     * Runs the body with DynamoDB Local in server mode and the functions' environment exactly as
     * {@code serve --in-memory} sets them up, then closes both.
     */
    static void withEngine(Body body) throws Exception {
        SamTemplate template =
                SamTemplate.load(Path.of("template.yaml"), LocalAws.REGION, LocalAws.ACCOUNT_ID);
        List<FunctionSpec> functions = FunctionSpec.allIn(template);
        Path secrets =
                FileSecretSource.createDemo(
                        Files.createTempDirectory("crm-bench").resolve("secrets.json"),
                        LeadChannels.builtInChannelIds());
        try (DynamoDbLocalServer engine = DynamoDbLocalServer.start(Optional.empty())) {
            FunctionEnvironment variables =
                    FunctionEnvironment.of(
                            functions, engine.endpoint().toString(), secrets.toString());
            try (AutoCloseable applied = variables.applyAsSystemProperties()) {
                run(template, functions, variables, body);
            }
        }
    }

    private static void run(
            SamTemplate template,
            List<FunctionSpec> functions,
            FunctionEnvironment variables,
            Body body)
            throws Exception {
        RuntimeEnvironment runtime = RuntimeEnvironment.current();
        try (DynamoDbClient dynamo = DynamoClients.dynamo(runtime)) {
            new TableProvisioner(dynamo).ensure(TableSpec.allIn(template));
            TableNames tables = TableNames.from(runtime);
            DemoOrgSeed.seed(dynamo, tables, Clock.systemUTC());
            // the local cloud's budgets: a bench sends thousands of requests as one user
            LocalLimits.apply(dynamo, tables, Clock.systemUTC());
            body.run(new Engine(dynamo, tables, newHandler(graphqlFunction(functions)), variables));
        }
    }

    /** The function behind {@code POST /graphql}, found in the template rather than named here. */
    static FunctionSpec graphqlFunction(List<FunctionSpec> functions) {
        return functions.stream()
                .filter(
                        function ->
                                function.events(HttpApiRoute.class).stream()
                                        .anyMatch(
                                                route -> route.routeKey().equals("POST /graphql")))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "template.yaml has no POST /graphql route"));
    }

    static APIGatewayV2HTTPResponse call(
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
            String query,
            Map<String, Object> variables) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        APIGatewayV2HTTPResponse response = handler.handleRequest(ApiEvents.graphql(body), null);
        if (response.getStatusCode() != 200 || response.getBody().contains("\"errors\"")) {
            throw new IllegalStateException("bench query failed: " + response.getBody());
        }
        return response;
    }

    /**
     * Instantiated as Lambda does (public no-arg constructor) but called directly, so no invocation
     * thread is timed.
     */
    @SuppressWarnings("unchecked")
    static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> newHandler(
            FunctionSpec function) throws ReflectiveOperationException {
        return (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                Class.forName(function.handlerClass())
                        .asSubclass(RequestHandler.class)
                        .getDeclaredConstructor()
                        .newInstance();
    }
}
