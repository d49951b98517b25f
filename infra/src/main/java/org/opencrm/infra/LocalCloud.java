package org.opencrm.infra;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opencrm.core.CoreServices;
import org.opencrm.core.intake.LeadChannels;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.secrets.FileSecretSource;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.time.AppClock;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserStore;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.auth.DevTokens;
import org.opencrm.infra.auth.LocalUserTokens;
import org.opencrm.infra.aws.DynamoDbLocalServer;
import org.opencrm.infra.aws.LocalAws;
import org.opencrm.infra.demo.DemoData;
import org.opencrm.infra.demo.DemoLegacyStages;
import org.opencrm.infra.demo.DemoOrgSeed;
import org.opencrm.infra.demo.LocalLimits;
import org.opencrm.infra.functions.FunctionEnvironment;
import org.opencrm.infra.functions.FunctionRuntime;
import org.opencrm.infra.functions.InvocationFailedException;
import org.opencrm.infra.http.LocalHttpServer;
import org.opencrm.infra.s3.BucketNotifications;
import org.opencrm.infra.s3.LocalS3Server;
import org.opencrm.infra.schedules.Scheduler;
import org.opencrm.infra.streams.CheckpointStore;
import org.opencrm.infra.streams.DeadLetterSink;
import org.opencrm.infra.streams.LocalQueue;
import org.opencrm.infra.streams.OnFailureDestinations;
import org.opencrm.infra.streams.QueuePoller;
import org.opencrm.infra.streams.StreamPoller;
import org.opencrm.template.BucketSpec;
import org.opencrm.template.FunctionSpec;
import org.opencrm.template.HttpApiRoute;
import org.opencrm.template.OtherEvent;
import org.opencrm.template.S3Source;
import org.opencrm.template.SamTemplate;
import org.opencrm.template.ScheduleSource;
import org.opencrm.template.SqsSource;
import org.opencrm.template.StreamSource;
import org.opencrm.template.TableProvisioner;
import org.opencrm.template.TableSpec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The local cloud: runs a SAM template on DynamoDB Local in this JVM. Tables as declared, {@code
 * HttpApi} routes on 127.0.0.1, stream functions fed from the tables' streams, schedules firing,
 * the buckets on an S3 API (S3Proxy) whose object events reach the functions' {@code S3} events,
 * all with the handler classes the template names.
 *
 * <pre>{@code
 * try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.forTests(Path.of("template.yaml")))) {
 *     URI graphql = URI.create(cloud.baseUrl() + "/graphql");
 *     ...
 * }
 * }</pre>
 */
public final class LocalCloud implements AutoCloseable {

    /** The golden-id key and webhook secrets, kept in the data directory for the cloud's life. */
    private static final String SECRETS_FILE = "secrets.json";

    private static final String DEAD_LETTER_FILE = "dead-letters.jsonl";
    private static final String USERS_TABLE = "UsersTable";
    private static final String CONFIG_TABLE = "ConfigTable";
    private static final String DEAL_MIGRATION = "DealMigrationFunction";
    private static final String STAGE_PARAMETER = "Stage";

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final PrintStream log;
    private final Path dataDir;
    private DynamoDbLocalServer dynamoServer;
    private DynamoDbClient dynamo;
    private LocalS3Server s3Server;
    private Map<String, BucketSpec> buckets;
    private LocalHttpServer http;
    private FunctionRuntime runtime;
    private Map<String, TableSpec> tables;
    private final Map<String, LocalQueue> queues = new ConcurrentHashMap<>();

    private LocalCloud(PrintStream log, Path dataDir) {
        this.log = log;
        this.dataDir = dataDir;
    }

    public static LocalCloud start(LocalCloudOptions options) throws Exception {
        return start(options, System.out);
    }

    /** Starts everything or nothing: on failure, what was started is closed again. */
    public static LocalCloud start(LocalCloudOptions options, PrintStream log) throws Exception {
        SamTemplate template =
                SamTemplate.load(
                        options.templateFile(),
                        LocalAws.REGION,
                        LocalAws.ACCOUNT_ID,
                        stageParameter(options));
        Path dataDir =
                options.inMemory()
                        ? Files.createTempDirectory("crm-local-")
                        : Files.createDirectories(options.dataDir().toAbsolutePath());
        LocalCloud cloud = new LocalCloud(log, dataDir);
        if (options.inMemory()) {
            cloud.started.push(() -> Directories.deleteRecursively(dataDir));
        }
        try {
            cloud.run(template, options);
            return cloud;
        } catch (Exception | Error failed) {
            cloud.close();
            throw failed;
        }
    }

    /**
     * The template's {@code Stage} as {@code sam deploy --parameter-overrides} would set it, when a
     * stage was asked for.
     */
    private static Map<String, String> stageParameter(LocalCloudOptions options) {
        return options.stage().map(stage -> Map.of(STAGE_PARAMETER, stage)).orElse(Map.of());
    }

    private static String stageOf(SamTemplate template) {
        return template.section("Parameters").containsKey(STAGE_PARAMETER)
                ? template.reference(STAGE_PARAMETER)
                : "(the template has none)";
    }

    private void run(SamTemplate template, LocalCloudOptions options) throws Exception {
        List<FunctionSpec> functions = FunctionSpec.allIn(template);
        tables =
                TableSpec.allIn(template).stream()
                        .collect(
                                Collectors.toMap(
                                        TableSpec::logicalId,
                                        Function.identity(),
                                        (a, b) -> a,
                                        java.util.LinkedHashMap::new));

        buckets =
                BucketSpec.allIn(template).stream()
                        .collect(
                                Collectors.toMap(
                                        BucketSpec::logicalId,
                                        Function.identity(),
                                        (a, b) -> a,
                                        java.util.LinkedHashMap::new));
        // S3Proxy starts on its own thread while DynamoDB Local starts on this one
        CompletableFuture<LocalS3Server> s3Starting = startS3(options);
        own(() -> s3Starting.get().close());
        dynamoServer =
                own(
                        DynamoDbLocalServer.start(
                                options.inMemory()
                                        ? Optional.empty()
                                        : Optional.of(dataDir.resolve("dynamodb"))));
        dynamo = own(LocalAws.dynamo(dynamoServer.endpoint()));
        log.println(
                "DynamoDB Local "
                        + dynamoServer.endpoint()
                        + (options.inMemory() ? " (in memory)" : " (data in " + dataDir + ")"));
        new TableProvisioner(dynamo)
                .ensure(List.copyOf(tables.values()))
                .forEach(
                        provisioned ->
                                log.println(
                                        "table  "
                                                + provisioned.table().tableName()
                                                + " ("
                                                + provisioned.table().logicalId()
                                                + "): "
                                                + provisioned
                                                        .outcome()
                                                        .name()
                                                        .toLowerCase(Locale.ROOT)));

        s3Server = s3Starting.get();
        log.println(
                "S3 API "
                        + s3Server.endpoint()
                        + " (S3Proxy"
                        + (options.inMemory() ? ", in memory)" : ", objects in " + s3Dir() + ")"));
        buckets.values()
                .forEach(
                        bucket ->
                                log.println(
                                        "bucket "
                                                + bucket.bucketName()
                                                + " ("
                                                + bucket.logicalId()
                                                + "): "
                                                + s3Server.ensureBucket(bucket.bucketName())
                                                        .name()
                                                        .toLowerCase(Locale.ROOT)));

        if (tables.containsKey(USERS_TABLE)) {
            int seeded = DemoOrgSeed.seed(dynamo, tableNames(), AppClock.SHARED);
            log.println(
                    "org    "
                            + DemoOrg.USERS.size()
                            + " demo users ("
                            + seeded
                            + " added); mint a token with: token USER_ID");
        }
        if (tables.containsKey(CONFIG_TABLE)) {
            log.println(
                    "limits rateLimits "
                            + (LocalLimits.apply(dynamo, tableNames(), AppClock.SHARED)
                                    ? "raised for local use (version 1)"
                                    : "as set before")
                            + " (README: Limits, retries and persisted queries)");
        }

        // Before any handler exists: its no-arg constructor reads these.
        // one golden-id key for the deployment's life: created on the first start, kept in the data
        // directory
        Path secrets =
                FileSecretSource.createDemo(
                        dataDir.resolve(SECRETS_FILE), LeadChannels.builtInChannelIds());
        log.println("secrets " + secrets + " (webhook secrets demo-secret-<channel>)");
        started.push(
                FunctionEnvironment.of(
                                functions, dynamoServer.endpoint().toString(), secrets.toString())
                        .withS3Endpoint(s3Server.endpoint().toString())
                        .applyAsSystemProperties());
        runtime = own(new FunctionRuntime(functions));
        functions.stream()
                .filter(function -> !runtime.handlerClassPresent(function.logicalId()))
                .forEach(
                        function ->
                                log.println(
                                        "WARNING "
                                                + function.logicalId()
                                                + ": handler class "
                                                + function.handlerClass()
                                                + " is not on the classpath (mvn install the functions module)"));

        DevTokens tokens = DevTokens.fromEnvironment(AppClock.SHARED);
        DeadLetterSink deadLetters = new DeadLetterSink(dataDir.resolve(DEAD_LETTER_FILE));
        Scheduler scheduler =
                own(
                        new Scheduler(
                                events(functions, ScheduleSource.class), runtime, AppClock.SHARED));
        List<HttpApiRoute> routes = events(functions, HttpApiRoute.class);
        // bound now (its address goes into messages and the demo data loads through it), but 503
        // until every consumer and schedule below runs
        http =
                own(
                        LocalHttpServer.start(
                                options.port(),
                                routes,
                                graphqlPath(routes),
                                runtime,
                                new LocalUserTokens(tokens, userLookup()),
                                AppClock.SHARED,
                                options.localTools()
                                        ? Optional.of(
                                                new LocalHttpServer.LocalTools(
                                                        scheduler, deadLetters))
                                        : Optional.empty()));
        log.println("http   " + baseUrl() + " (503 until ready), stage " + stageOf(template));
        // links in messages (the monthly revenue report's chart) point at this server, not AWS
        started.push(
                new FunctionEnvironment(Map.of(RuntimeEnvironment.API_BASE_URL, baseUrl()))
                        .applyAsSystemProperties());
        routes.forEach(
                route ->
                        log.println(
                                "route  "
                                        + route.routeKey()
                                        + " -> "
                                        + route.functionLogicalId()
                                        + route.authorizer()
                                                .map(name -> " (JWT authorizer " + name + ")")
                                                .orElse(" (no authorizer)")));

        OnFailureDestinations onFailure =
                new OnFailureDestinations(startQueues(functions, runtime), deadLetters);
        startStreams(functions, runtime, options, onFailure);
        startBucketNotifications(functions, runtime, deadLetters);
        scheduler.start().forEach(line -> log.println("schedule " + line));
        events(functions, OtherEvent.class)
                .forEach(
                        other ->
                                log.println(
                                        "skipped "
                                                + other.functionLogicalId()
                                                + "."
                                                + other.eventId()
                                                + ": "
                                                + other.reason()));
        http.ready();
        log.println("ready  " + baseUrl() + ": every stream, queue and schedule runs");
        if (options.localTools()) {
            log.println(
                    "dead letters: "
                            + deadLetters.file()
                            + " (GET "
                            + baseUrl()
                            + "/_local/dead-letters)");
            log.println("GraphiQL: " + baseUrl() + "/");
        } else {
            log.println(
                    "dead letters: "
                            + deadLetters.file()
                            + "; stage "
                            + stageOf(template)
                            + ": no GraphiQL, dashboard or /_local/ routes, as deployed");
        }

        if (options.demo()) {
            log.println(
                    DemoData.loadOnce(
                            URI.create(baseUrl() + graphqlPath(routes)),
                            tokens,
                            dataDir,
                            new DemoLegacyStages(dynamo, tableNames(), AppClock.SHARED)));
        }
        migrateDeals(functions, runtime);
    }

    /**
     * Issue 14's one-off deal migration, at every start (after the demo data, which goes through
     * it): a rerun creates nothing, so a data directory from before deals is upgraded on its first
     * start and left alone after.
     */
    private void migrateDeals(List<FunctionSpec> functions, FunctionRuntime runtime) {
        boolean declared =
                functions.stream()
                        .anyMatch(function -> function.logicalId().equals(DEAL_MIGRATION));
        if (!declared || !runtime.handlerClassPresent(DEAL_MIGRATION)) {
            return;
        }
        try {
            log.println(
                    "deals  migration: " + runtime.invoke(DEAL_MIGRATION, new ScheduledEvent()));
        } catch (InvocationFailedException failed) {
            log.println("WARNING deal migration failed: " + failed.getMessage());
        }
    }

    /**
     * A local queue for each queue a function consumes through an {@code SQS} event, with its
     * dead-letter queue, and a poller delivering it; by ARN, for the stream mappings' {@code
     * OnFailure}.
     */
    private Map<String, LocalQueue> startQueues(
            List<FunctionSpec> functions, FunctionRuntime runtime) {
        for (SqsSource source : events(functions, SqsSource.class)) {
            Optional<LocalQueue> deadLetterQueue =
                    source.deadLetterQueueArn()
                            .map(
                                    arn ->
                                            queues.computeIfAbsent(
                                                    arn,
                                                    unconsumed ->
                                                            new LocalQueue(
                                                                    unconsumed,
                                                                    Duration.ofSeconds(30),
                                                                    Optional.empty(),
                                                                    Optional.empty(),
                                                                    AppClock.SHARED)));
            LocalQueue queue =
                    new LocalQueue(
                            source.queueArn(),
                            Duration.ofSeconds(source.visibilityTimeoutSeconds()),
                            source.maxReceiveCount(),
                            deadLetterQueue,
                            AppClock.SHARED);
            queues.put(source.queueArn(), queue);
            QueuePoller poller = own(new QueuePoller(source, queue, runtime));
            log.println(
                    "queue  "
                            + source.queueLogicalId()
                            + " -> "
                            + source.functionLogicalId()
                            + " (batch "
                            + source.batchSize()
                            + ", visibility "
                            + source.visibilityTimeoutSeconds()
                            + "s"
                            + source.maxReceiveCount()
                                    .map(count -> ", to its DLQ after " + count + " receives")
                                    .orElse("")
                            + (source.reportBatchItemFailures() ? ", reports item failures" : "")
                            + (source.enabled() ? "" : ", DISABLED")
                            + ")");
            if (source.enabled()) {
                poller.start();
            }
        }
        return Map.copyOf(queues);
    }

    private CompletableFuture<LocalS3Server> startS3(LocalCloudOptions options) {
        Optional<Path> objects = options.inMemory() ? Optional.empty() : Optional.of(s3Dir());
        CompletableFuture<LocalS3Server> starting = new CompletableFuture<>();
        Thread starter =
                new Thread(
                        () -> {
                            try {
                                starting.complete(
                                        LocalS3Server.start(
                                                objects,
                                                LocalAws.ACCESS_KEY_ID,
                                                LocalAws.SECRET_ACCESS_KEY));
                            } catch (Exception | Error failed) {
                                starting.completeExceptionally(failed);
                            }
                        },
                        "s3proxy-start");
        starter.setDaemon(true);
        starter.start();
        return starting;
    }

    /** Each function's S3 events, delivered from the local S3 API's object events. */
    private void startBucketNotifications(
            List<FunctionSpec> functions, FunctionRuntime runtime, DeadLetterSink deadLetters) {
        List<S3Source> sources = events(functions, S3Source.class);
        for (S3Source source : sources) {
            if (!buckets.containsKey(source.bucketLogicalId())) {
                throw new IllegalStateException(
                        source.functionLogicalId()
                                + "."
                                + source.eventId()
                                + " listens to "
                                + source.bucketLogicalId()
                                + ", which is not a bucket of the template");
            }
            log.println(
                    "s3     "
                            + source.bucketName()
                            + " "
                            + String.join(",", source.events())
                            + (source.keyPrefix().isEmpty() ? "" : " prefix " + source.keyPrefix())
                            + (source.keySuffix().isEmpty() ? "" : " suffix " + source.keySuffix())
                            + " -> "
                            + source.functionLogicalId()
                            + " (async, "
                            + BucketNotifications.ASYNC_RETRY_DELAYS.size()
                            + " retries, then dead letters)");
        }
        BucketNotifications notifications =
                own(
                        new BucketNotifications(
                                sources,
                                runtime,
                                deadLetters,
                                BucketNotifications.ASYNC_RETRY_DELAYS,
                                AppClock.SHARED));
        s3Server.onObjectCreated(notifications);
    }

    private void startStreams(
            List<FunctionSpec> functions,
            FunctionRuntime runtime,
            LocalCloudOptions options,
            OnFailureDestinations onFailure) {
        List<StreamSource> sources = events(functions, StreamSource.class);
        if (sources.isEmpty()) {
            return;
        }
        DynamoDbStreamsClient streams = own(LocalAws.streams(dynamoServer.endpoint()));
        for (StreamSource source : sources) {
            TableSpec table = tables.get(source.tableLogicalId());
            if (table == null || !table.hasStream()) {
                throw new IllegalStateException(
                        source.functionLogicalId()
                                + "."
                                + source.eventId()
                                + " reads the stream of "
                                + source.tableLogicalId()
                                + ", which is not a table with a StreamSpecification in the template");
            }
            String streamArn =
                    dynamo.describeTable(b -> b.tableName(table.tableName()))
                            .table()
                            .latestStreamArn();
            CheckpointStore checkpoints =
                    options.inMemory()
                            ? CheckpointStore.none()
                            : CheckpointStore.in(
                                    dataDir.resolve("stream-checkpoints")
                                            .resolve(
                                                    source.functionLogicalId()
                                                            + "."
                                                            + source.eventId()));
            StreamPoller poller =
                    own(
                            new StreamPoller(
                                    source,
                                    table.tableName(),
                                    streamArn,
                                    streams,
                                    new StreamPoller.Delivery(
                                            runtime, onFailure, options.streamFaults()),
                                    checkpoints,
                                    AppClock.SHARED));
            log.println(
                    "stream "
                            + table.tableName()
                            + " -> "
                            + source.functionLogicalId()
                            + " (batch "
                            + source.batchSize()
                            + ", window "
                            + source.maximumBatchingWindowSeconds()
                            + "s, retries "
                            + (source.maximumRetryAttempts() == StreamSource.UNLIMITED
                                    ? "unlimited"
                                    : source.maximumRetryAttempts())
                            + (source.reportBatchItemFailures() ? ", reports item failures" : "")
                            + (source.bisectBatchOnFunctionError() ? ", bisects on error" : "")
                            + source.onFailureDestination()
                                    .map(
                                            d ->
                                                    onFailure.isConsumed(d)
                                                            ? ", on failure -> queue " + d
                                                            : ", on failure -> dead letters ("
                                                                    + d
                                                                    + ")")
                                    .orElse("")
                            + (source.enabled() ? "" : ", DISABLED")
                            + ")");
            if (source.enabled()) {
                poller.start();
            }
        }
    }

    private static String graphqlPath(List<HttpApiRoute> routes) {
        return routes.stream()
                .map(HttpApiRoute::path)
                .filter(path -> path.contains("graphql"))
                .findFirst()
                .orElse("/graphql");
    }

    private static <T> List<T> events(List<FunctionSpec> functions, Class<T> kind) {
        return functions.stream()
                .flatMap(function -> function.events().stream())
                .filter(kind::isInstance)
                .map(kind::cast)
                .toList();
    }

    private <T extends AutoCloseable> T own(T resource) {
        started.push(resource);
        return resource;
    }

    /**
     * The function's handler, instantiated now if no event has reached it yet: the init phase a
     * SnapStart snapshot follows.
     */
    public Object initialise(String functionLogicalId) {
        return runtime.initialise(functionLogicalId);
    }

    /** The HTTP port on 127.0.0.1. */
    public int port() {
        return http.port();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public URI dynamoEndpoint() {
        return dynamoServer.endpoint();
    }

    /** A client of the local DynamoDB (dummy credentials, fixed region); closed with the cloud. */
    public DynamoDbClient dynamo() {
        return dynamo;
    }

    /**
     * The services over this cloud's tables and secrets, as a function builds them, for tests and
     * benches that set data up or check it directly. A new instance per call.
     */
    public CoreServices services() {
        return CoreServices.build(
                dynamo,
                tableNames(),
                AppClock.SHARED,
                Duration.ZERO,
                FileSecretSource.load(dataDir().resolve(SECRETS_FILE)));
    }

    /** {@code http://127.0.0.1:<port>} of the local S3 API (S3Proxy), as the functions get it. */
    public URI s3Endpoint() {
        return s3Server.endpoint();
    }

    /** The physical name of a bucket by its logical id in the template. */
    public String bucketName(String logicalId) {
        BucketSpec bucket = buckets.get(logicalId);
        if (bucket == null) {
            throw new IllegalArgumentException("no bucket " + logicalId + " in the template");
        }
        return bucket.bucketName();
    }

    private Path s3Dir() {
        return dataDir.resolve("s3");
    }

    /** Users by id from the users table; a template without one knows nobody. */
    private Function<String, Optional<User>> userLookup() {
        if (!tables.containsKey(USERS_TABLE)) {
            return userId -> Optional.empty();
        }
        return new UserStore(DynamoClients.enhanced(dynamo), tableName(USERS_TABLE))::find;
    }

    /** Every table's physical name, as the functions get them. */
    public TableNames tableNames() {
        Map<String, String> names = new HashMap<>();
        tables.forEach((logicalId, table) -> names.put(logicalId, table.tableName()));
        return TableNames.fromLogicalIds(names);
    }

    /** The physical name of a table by its logical id in the template. */
    public String tableName(String logicalId) {
        return tableSpec(logicalId).tableName();
    }

    /** A table as the template declares it, by its logical id. */
    public TableSpec tableSpec(String logicalId) {
        TableSpec table = tables.get(logicalId);
        if (table == null) {
            throw new IllegalArgumentException("no table " + logicalId + " in the template");
        }
        return table;
    }

    /**
     * The messages in a local queue (a queue a function consumes, or its dead-letter queue), by
     * ARN; empty for a queue the local cloud does not run.
     */
    public List<String> queueMessages(String queueArn) {
        LocalQueue queue = queues.get(queueArn);
        return queue == null ? List.of() : queue.bodies();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path deadLetterFile() {
        return dataDir.resolve(DEAD_LETTER_FILE);
    }

    /**
     * Stops, in reverse order of starting: pollers and scheduler, HTTP, handlers, DynamoDB Local.
     */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable resource = started.pop();
            try {
                resource.close();
            } catch (Exception failed) {
                System.err.println(
                        "[local cloud] closing "
                                + resource.getClass().getSimpleName()
                                + " failed: "
                                + failed);
            }
        }
    }
}
