package org.opencrm.graphql;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.introspection.Introspection;
import graphql.language.Document;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.FastSchemaGenerator;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.runtime.Once;
import org.opencrm.graphql.access.AccessWiring;
import org.opencrm.graphql.activity.ActivityWiring;
import org.opencrm.graphql.anomaly.AnomalyWiring;
import org.opencrm.graphql.audit.AuditWiring;
import org.opencrm.graphql.config.ConfigWiring;
import org.opencrm.graphql.consistency.ConsistencyWiring;
import org.opencrm.graphql.contract.ContractWiring;
import org.opencrm.graphql.customer.Customer360Wiring;
import org.opencrm.graphql.customer.CustomerWiring;
import org.opencrm.graphql.deal.DealWiring;
import org.opencrm.graphql.deal.FunnelWiring;
import org.opencrm.graphql.error.CrmErrorHandler;
import org.opencrm.graphql.error.ErrorCodes;
import org.opencrm.graphql.files.FileWiring;
import org.opencrm.graphql.health.HealthWiring;
import org.opencrm.graphql.input.InputGuard;
import org.opencrm.graphql.lead.LeadWiring;
import org.opencrm.graphql.limits.GraphqlLimits;
import org.opencrm.graphql.limits.LimitsInstrumentation;
import org.opencrm.graphql.limits.PageCostInstrumentation;
import org.opencrm.graphql.loaders.RequestLoaders;
import org.opencrm.graphql.notify.NotificationWiring;
import org.opencrm.graphql.report.ReportWiring;
import org.opencrm.graphql.search.SearchWiring;
import org.opencrm.graphql.ticket.TicketWiring;
import org.opencrm.graphql.user.UserWiring;

/**
 * The schema, wired and ready: built once per container (schema build costs ~300 ms), executed per
 * request.
 */
public final class CrmGraphql {

    /** One file per feature under src/main/resources/graphql. */
    static final List<String> SCHEMA_FILES =
            List.of(
                    "schema.graphqls",
                    "customer.graphqls",
                    "user.graphqls",
                    "audit.graphqls",
                    "config.graphqls",
                    "notification.graphqls",
                    "lead.graphqls",
                    "files.graphqls",
                    "deal.graphqls",
                    "activity.graphqls",
                    "customer360.graphqls",
                    "search.graphqls",
                    "contracts.graphqls",
                    "reports.graphqls",
                    "anomalies.graphqls",
                    "health.graphqls",
                    "tickets.graphqls",
                    "consistency.graphqls");

    /** The one environment that answers introspection (GraphiQL runs against it locally). */
    static final String INTROSPECTION_ENVIRONMENT = "dev";

    // parsed once per JVM: a cold start parses it on a second thread (preloadSchema) while the
    // first builds the services
    private static final Supplier<TypeDefinitionRegistry> TYPE_DEFINITIONS =
            new Once<>(CrmGraphql::typeDefinitions);

    private final GraphQL graphql;
    private final DocumentCache documents;
    private final RequestLoaders loaders;
    private final String environment;

    private CrmGraphql(
            GraphQL graphql, DocumentCache documents, RequestLoaders loaders, String environment) {
        this.graphql = graphql;
        this.documents = documents;
        this.loaders = loaders;
        this.environment = environment;
    }

    /**
     * The parsed document of a query this container has run before (valid), without parsing it
     * again: for what reads a request beside the execution, such as its log line's name.
     */
    public Optional<Document> knownDocument(String query) {
        return documents.known(query);
    }

    /** Parses the schema files now, if not yet; the schema's build then starts from the result. */
    public static TypeDefinitionRegistry preloadSchema() {
        return TYPE_DEFINITIONS.get();
    }

    public static CrmGraphql build(CoreServices backend, String environment) {
        GraphQLSchema schema =
                InputGuard.apply(
                        AccessWiring.apply(
                                executableSchema(
                                        TYPE_DEFINITIONS.get(), wiring(backend, environment)),
                                backend.policy()));
        DocumentCache documents = new DocumentCache(500);
        GraphQL graphql =
                GraphQL.newGraphQL(schema)
                        .defaultDataFetcherExceptionHandler(new CrmErrorHandler())
                        .instrumentation(
                                new ChainedInstrumentation(
                                        new LimitsInstrumentation(schema),
                                        // issue 18: page sizes count toward complexity
                                        new PageCostInstrumentation()))
                        .preparsedDocumentProvider(documents)
                        .build();
        return new CrmGraphql(graphql, documents, new RequestLoaders(backend), environment);
    }

    /** Every feature's data fetchers, over the services. */
    static RuntimeWiring wiring(CoreServices backend, String environment) {
        RuntimeWiring.Builder wiring =
                RuntimeWiring.newRuntimeWiring()
                        .scalar(DateTimeScalar.INSTANCE)
                        .scalar(MoneyScalar.INSTANCE);
        wiring.type("Query", type -> type.dataFetcher("environment", env -> environment));
        new CustomerWiring(backend.customers(), backend.export()).register(wiring);
        new UserWiring(backend.users(), backend.orgChanges()).register(wiring);
        new AuditWiring(backend.audit()).register(wiring);
        new ConfigWiring(backend.config()).register(wiring);
        new NotificationWiring(backend.inbox(), backend.preferences(), backend.dispatcher())
                .register(wiring);
        new LeadWiring(
                        backend.leads(),
                        backend.intake(),
                        backend.channels(),
                        backend.imports(),
                        backend.assignments())
                .register(wiring);
        new FileWiring(backend.uploads(), backend.attachments()).register(wiring);
        new DealWiring(backend.deals()).register(wiring);
        new FunnelWiring(backend.funnel()).register(wiring);
        new ActivityWiring(backend.activities().service()).register(wiring);
        Customer360Wiring.over(backend).register(wiring);
        new SearchWiring(backend.search()).register(wiring);
        new ContractWiring(backend.contracts(), backend.deals()).register(wiring);
        new ReportWiring(backend.reports()).register(wiring);
        new AnomalyWiring(backend.anomalies()).register(wiring);
        new HealthWiring(backend.health().service()).register(wiring);
        new TicketWiring(backend.tickets().service()).register(wiring);
        new ConsistencyWiring(backend.consistency()).register(wiring);
        return wiring.build();
    }

    /**
     * The schema of the parsed files and the wiring, built without graphql-java's validation of the
     * built schema (its rules on types, fields, directives and default values; the type-registry
     * checks still run): files and wiring are fixed when the jar is built, and {@code
     * SchemaChecksTest} runs the validating generator over the same files and wiring and finds the
     * same schema.
     *
     * <p>Why: measured in fresh JVMs, building without that validation took about a fifth less, and
     * the build lies on a cold start's critical path ({@code ColdStartBench}). graphql-java 26
     * marks {@link FastSchemaGenerator} as internal (later versions as experimental): an upgrade
     * that changes it fails to compile or fails that test, not a deployment.
     */
    static GraphQLSchema executableSchema(TypeDefinitionRegistry types, RuntimeWiring wiring) {
        return new FastSchemaGenerator()
                .makeExecutableSchema(
                        SchemaGenerator.Options.defaultOptions().withValidation(false),
                        types,
                        wiring);
    }

    public String environment() {
        return environment;
    }

    /**
     * The GraphQL-over-HTTP response body: data, errors (each with extensions.code), extensions.
     */
    public Map<String, Object> execute(GraphqlRequest request, Caller caller) {
        ExecutionInput input =
                ExecutionInput.newExecutionInput()
                        .query(request.query())
                        .operationName(request.operationName())
                        .variables(request.variables())
                        .graphQLContext(
                                Map.of(
                                        Caller.class,
                                        caller,
                                        ParserOptions.class,
                                        GraphqlLimits.parserOptions(),
                                        Introspection.INTROSPECTION_DISABLED,
                                        !INTROSPECTION_ENVIRONMENT.equals(environment)))
                        // graphql-java's messages in one language, whatever the JVM's default
                        .locale(Locale.ENGLISH)
                        // per request: a loader's cache must never answer another caller
                        .dataLoaderRegistry(loaders.newRegistry())
                        .build();
        ExecutionResult result = graphql.execute(input);
        return withExtensions(
                result.toSpecification(), request.query(), request.variables(), caller.requestId());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> withExtensions(
            Map<String, Object> specification,
            String query,
            Map<String, Object> variables,
            String requestId) {
        Map<String, Object> response = new LinkedHashMap<>(specification);
        if (response.containsKey("errors")) {
            response.put(
                    "errors",
                    ErrorCodes.withCodes(
                            (List<Map<String, Object>>) response.get("errors"), query, variables));
        }
        Map<String, Object> extensions =
                new LinkedHashMap<>(
                        (Map<String, Object>) response.getOrDefault("extensions", Map.of()));
        extensions.put("environment", environment);
        extensions.put("requestId", requestId);
        response.put("extensions", extensions);
        return response;
    }

    private static TypeDefinitionRegistry typeDefinitions() {
        SchemaParser parser = new SchemaParser();
        TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
        for (String file : SCHEMA_FILES) {
            registry.merge(parser.parse(read("graphql/" + file)));
        }
        return registry;
    }

    private static String read(String resource) {
        try (InputStream in = CrmGraphql.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema file missing from the jar: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
