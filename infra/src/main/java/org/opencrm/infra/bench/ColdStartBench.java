package org.opencrm.infra.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.infra.Directories;
import org.opencrm.infra.functions.FunctionEnvironment;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.crt.CRT;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * How much slower is a cold API function than a cold bare SDK call? This JVM starts DynamoDB Local
 * with the template's tables and the demo org, writes one customer and warms the engine; then it
 * starts fresh JVMs on the same classpath, with the same JVM options (the template's {@code
 * JAVA_TOOL_OPTIONS}, plus any {@code --jvm=} given) and the function's environment as process
 * environment variables, as Lambda starts a container:
 *
 * <ul>
 *   <li>{@code sdk}: builds a bare DynamoDB client (the functions' HTTP client, static credentials,
 *       the endpoint) and makes one {@code GetItem} of the customer;
 *   <li>{@code api}: instantiates the template's {@code POST /graphql} handler class by its no-arg
 *       constructor, as Lambda does, and answers one {@code customer(id)} through {@code
 *       handleRequest} with an API Gateway event.
 * </ul>
 *
 * The figure is wall time from starting the process to reading its answer, measured here (JVM
 * start-up included, the same on both sides), and the CPU time the process had used by then (all
 * its threads): on a busy machine wall time mostly measures the neighbours, CPU time much less so,
 * and a Lambda function with a fraction of a vCPU pays its CPU time as wall time. Runs alternate
 * between the two kinds so machine noise hits both alike. Prints every run, the medians, their
 * ratios and the load average; exits 0, or 1 when a probe failed.
 *
 * <pre>
 * java -cp infra/target/crm-local.jar org.opencrm.infra.bench.ColdStartBench [runs] [--jvm=OPTION]...
 * </pre>
 *
 * Run from the project root (it reads template.yaml). Default 10 runs of each kind.
 */
public final class ColdStartBench {

    private static final String PROBE = "--probe";
    private static final String JVM_FLAG = "--jvm=";
    private static final String ANSWER = "answer ";
    private static final String FAILED = "failed ";
    private static final int WARM_UP_CALLS = 500;
    private static final Path FUNCTIONS_JAR = Path.of("functions", "target", "crm-functions.jar");
    // USER_HZ of Linux on every common architecture
    private static final int CLOCK_TICKS_PER_SECOND = 100;
    // Lambda sets process environment variables; the dotted SDK system properties are local only
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private ColdStartBench() {}

    /**
     * One cold start: wall time, the two timed phases the probe reports, and the CPU time the
     * process had used by its answer (every thread: JIT and GC included).
     */
    private record Run(double wallMs, double firstMs, double secondMs, double cpuMs) {}

    public static void main(String[] args) {
        if (args.length == 5 && PROBE.equals(args[0])) {
            probe(args[1], args[2], args[3], args[4]);
            return;
        }
        BenchExit.afterClosing(() -> measure(args));
    }

    private static void measure(String[] args) throws Exception {
        int runs =
                Arrays.stream(args)
                        .filter(arg -> !arg.startsWith(JVM_FLAG))
                        .findFirst()
                        .map(Integer::parseInt)
                        .orElse(10);
        List<String> jvmOptions =
                Arrays.stream(args)
                        .filter(arg -> arg.startsWith(JVM_FLAG))
                        .map(arg -> arg.substring(JVM_FLAG.length()))
                        .toList();
        BenchHandler.withEngine(engine -> run(engine, runs, jvmOptions));
    }

    /** Runs in a scratch directory of its own, removed when the runs end, however they end. */
    private static void run(BenchHandler.Engine engine, int runs, List<String> jvmOptions)
            throws Exception {
        Path scratch = Files.createTempDirectory("crm-coldstart");
        try {
            runIn(scratch, engine, runs, jvmOptions);
        } finally {
            Directories.deleteRecursively(scratch);
        }
    }

    private static void runIn(
            Path scratch, BenchHandler.Engine engine, int runs, List<String> jvmOptions)
            throws Exception {
        String customerId = createCustomer(engine.handler());
        // a warm engine, as a cold function meets it in AWS
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            BenchHandler.call(engine.handler(), customerQuery(customerId), Map.of());
        }
        Map<String, String> environment = processEnvironment(engine.environment());
        Optional<Path> unpacked = unpackFunctions(scratch.resolve("task"));
        Launch launch =
                Launch.of(
                        jvmOptions,
                        childClasspath(unpacked, scratch.resolve("probe")),
                        environment);
        System.out.printf(
                Locale.ROOT,
                "fresh JVMs: %s, JAVA_TOOL_OPTIONS=%s%s, classes from %s; load average %.2f%n",
                Path.of(System.getProperty("java.home")),
                environment.getOrDefault("JAVA_TOOL_OPTIONS", ""),
                jvmOptions.isEmpty() ? "" : ", extra " + jvmOptions,
                unpacked.map(directory -> FUNCTIONS_JAR + " unpacked").orElse("the classpath"),
                loadAverage());
        List<Run> sdk = new ArrayList<>();
        List<Run> api = new ArrayList<>();
        String handlerClass = engine.handler().getClass().getName();
        String table = engine.tables().customers();
        for (int run = 1; run <= runs; run++) {
            // alternate which kind goes first, so neither always follows the other
            for (String kind : run % 2 == 1 ? List.of("sdk", "api") : List.of("api", "sdk")) {
                Run result = inFreshJvm(launch, kind, List.of(table, customerId, handlerClass));
                (kind.equals("sdk") ? sdk : api).add(result);
                System.out.printf(
                        Locale.ROOT,
                        "run %2d %s: %6.0f ms, CPU %5.0f ms (%s %.0f ms, %s %.0f ms)%n",
                        run,
                        kind,
                        result.wallMs(),
                        result.cpuMs(),
                        kind.equals("sdk") ? "client" : "handler",
                        result.firstMs(),
                        kind.equals("sdk") ? "GetItem" : "customer(id)",
                        result.secondMs());
            }
        }
        double sdkMedian = median(sdk, Run::wallMs);
        double apiMedian = median(api, Run::wallMs);
        double sdkCpu = median(sdk, Run::cpuMs);
        double apiCpu = median(api, Run::cpuMs);
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "bare SDK GetItem   wall median %5.0f ms (min %.0f; client %.0f, GetItem %.0f);"
                        + " CPU median %.0f ms%n",
                sdkMedian,
                min(sdk),
                median(sdk, Run::firstMs),
                median(sdk, Run::secondMs),
                sdkCpu);
        System.out.printf(
                Locale.ROOT,
                "API customer(id)   wall median %5.0f ms (min %.0f; handler %.0f, request %.0f);"
                        + " CPU median %.0f ms%n",
                apiMedian,
                min(api),
                median(api, Run::firstMs),
                median(api, Run::secondMs),
                apiCpu);
        System.out.printf(
                Locale.ROOT,
                "ratio API / SDK    wall %.2fx, CPU %.2fx over %d fresh JVMs each;"
                        + " load average %.2f%n",
                apiMedian / sdkMedian,
                apiCpu / sdkCpu,
                runs,
                loadAverage());
        double[] paired = pairedRatios(sdk, api);
        System.out.printf(
                Locale.ROOT,
                "paired ratio       wall median %.2fx, middle half %.2fx to %.2fx"
                        + " (each API run over the bare run beside it)%n",
                quantile(paired, 0.5),
                quantile(paired, 0.25),
                quantile(paired, 0.75));
    }

    /**
     * Each API run's wall time over that of the bare run made just before or after it. Why: the
     * host's speed drifts over a bench; the two runs of a pair meet the same host, so their ratio
     * is steadier than the ratio of two medians taken over the whole bench.
     */
    private static double[] pairedRatios(List<Run> sdk, List<Run> api) {
        double[] ratios = new double[Math.min(sdk.size(), api.size())];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = api.get(i).wallMs() / sdk.get(i).wallMs();
        }
        java.util.Arrays.sort(ratios);
        return ratios;
    }

    /** The {@code q} quantile of sorted values, interpolated between neighbours. */
    private static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static String createCustomer(
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        String body =
                BenchHandler.call(
                                handler,
                                "mutation { createCustomer(input: {name: \"Cold Start\","
                                        + " phone: \"13800000001\"}) { id } }",
                                Map.of())
                        .getBody();
        int start = body.indexOf("\"id\":\"") + 6;
        return body.substring(start, body.indexOf('"', start));
    }

    private static String customerQuery(String id) {
        return "{ customer(id: \"" + id + "\") { id name phone stage } }";
    }

    /** The function's variables as Lambda would set them: process environment variables. */
    private static Map<String, String> processEnvironment(FunctionEnvironment environment) {
        return environment.variables().entrySet().stream()
                .filter(variable -> ENVIRONMENT_NAME.matcher(variable.getKey()).matches())
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** How a probe JVM is started: its command line up to the probe's arguments, its variables. */
    private record Launch(List<String> command, Map<String, String> environment) {

        static Launch of(
                List<String> jvmOptions, String classpath, Map<String, String> environment) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", classpath, ColdStartBench.class.getName(), PROBE));
            return new Launch(List.copyOf(command), Map.copyOf(environment));
        }
    }

    private static Run inFreshJvm(Launch launch, String kind, List<String> probeArgs)
            throws Exception {
        List<String> command = new ArrayList<>(launch.command());
        command.add(kind);
        command.addAll(probeArgs);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(launch.environment());
        long start = System.nanoTime();
        Process process = builder.start();
        String line;
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            // the handler's JSON log lines come first
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith(ANSWER) && !line.startsWith(FAILED));
        }
        double wallMs = (System.nanoTime() - start) / 1_000_000.0;
        if (process.waitFor() != 0 || line == null || !line.startsWith(ANSWER)) {
            throw new IllegalStateException("the " + kind + " probe failed: " + line);
        }
        String[] phases = line.substring(ANSWER.length()).trim().split(" ", -1);
        return new Run(
                wallMs,
                Double.parseDouble(phases[0]),
                Double.parseDouble(phases[1]),
                Double.parseDouble(phases[2]));
    }

    /**
     * The deployable jar unpacked, first, as Lambda loads a function (it unzips the package into
     * {@code /var/task}: classes are read from files, not inflated from a jar); then the probe's
     * own classes, unpacked without the bench's libraries, and the SDK HTTP client's jar for the
     * native library of this machine (the deployable jar carries only Lambda's; its classes there
     * come first). Nothing else: this jar's manifest names some 160 libraries (DynamoDB Local,
     * S3Proxy) that a function's classpath does not have, and every resource lookup would search
     * them. Without a built deployable jar: this classpath alone.
     */
    private static String childClasspath(Optional<Path> unpackedFunctions, Path probeDirectory)
            throws IOException {
        String own = System.getProperty("java.class.path");
        if (unpackedFunctions.isEmpty()) {
            return own;
        }
        return String.join(
                java.io.File.pathSeparator,
                unpackedFunctions.get().toString(),
                probeClasses(probeDirectory).toString(),
                codeSource(CRT.class).toString());
    }

    /** The deployable jar unpacked into the directory, if it was built. */
    private static Optional<Path> unpackFunctions(Path directory) throws IOException {
        if (!Files.exists(FUNCTIONS_JAR)) {
            return Optional.empty();
        }
        return Optional.of(unpack(FUNCTIONS_JAR, "", directory));
    }

    /**
     * This bench's package tree ({@code org/opencrm/infra}, where the probe and the classes it uses
     * live): the directory it is compiled into, or unpacked from the jar it runs from into the
     * given one.
     */
    private static Path probeClasses(Path directory) throws IOException {
        Path source = codeSource(ColdStartBench.class);
        if (Files.isDirectory(source)) {
            return source;
        }
        String infra = ColdStartBench.class.getPackageName().replace('.', '/');
        return unpack(source, infra.substring(0, infra.lastIndexOf('/') + 1), directory);
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException notAFile) {
            throw new IllegalStateException(notAFile);
        }
    }

    /** The jar's files whose names start with the prefix, copied into the directory. */
    private static Path unpack(Path jarFile, String prefix, Path directory) throws IOException {
        Files.createDirectories(directory);
        try (ZipFile jar = new ZipFile(jarFile.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(jar.entries())) {
                Path target = directory.resolve(entry.getName()).normalize();
                boolean wanted = entry.getName().startsWith(prefix) && !entry.isDirectory();
                if (wanted && target.startsWith(directory)) {
                    copy(jar, entry, target);
                }
            }
        }
        return directory;
    }

    private static void copy(ZipFile jar, ZipEntry entry, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = jar.getInputStream(entry)) {
            Files.copy(in, target);
        }
    }

    /** In the fresh JVM: prints "answer firstPhaseMs secondPhaseMs cpuMs", then exits. */
    private static void probe(String kind, String table, String customerId, String handlerClass) {
        int status = 1;
        try {
            double[] phases =
                    kind.equals("sdk")
                            ? bareGetItem(table, customerId)
                            : apiRequest(handlerClass, customerId);
            System.out.printf(
                    Locale.ROOT, "%s%.1f %.1f %.0f%n", ANSWER, phases[0], phases[1], cpuMillis());
            status = 0;
        } catch (Exception | Error failed) {
            System.out.println(FAILED + failed);
        }
        System.out.flush();
        // a cold start ends at its answer (the time is taken then); client threads may linger
        System.exit(status);
    }

    private static double[] bareGetItem(String table, String customerId) {
        long start = System.nanoTime();
        DynamoDbClient dynamo =
                DynamoDbClient.builder()
                        .httpClientBuilder(DynamoClients.httpClient())
                        .region(Region.of(System.getenv("AWS_REGION")))
                        .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL")))
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create(
                                                System.getenv("AWS_ACCESS_KEY_ID"),
                                                System.getenv("AWS_SECRET_ACCESS_KEY"))))
                        .build();
        long built = System.nanoTime();
        GetItemResponse item =
                dynamo.getItem(
                        b ->
                                b.tableName(table)
                                        .key(Map.of("id", AttributeValue.fromS(customerId))));
        if (!item.hasItem()) {
            throw new IllegalStateException("no customer " + customerId);
        }
        return new double[] {millis(start, built), millis(built, System.nanoTime())};
    }

    @SuppressWarnings("unchecked")
    private static double[] apiRequest(String handlerClass, String customerId)
            throws ReflectiveOperationException {
        long start = System.nanoTime();
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                        Class.forName(handlerClass)
                                .asSubclass(RequestHandler.class)
                                .getDeclaredConstructor()
                                .newInstance();
        long built = System.nanoTime();
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(
                        ApiEvents.graphql(
                                "{\"query\":\""
                                        + customerQuery(customerId).replace("\"", "\\\"")
                                        + "\"}"),
                        null);
        if (response.getStatusCode() != 200 || !response.getBody().contains(customerId)) {
            throw new IllegalStateException("customer(id) answered " + response.getBody());
        }
        return new double[] {millis(start, built), millis(built, System.nanoTime())};
    }

    /**
     * User and system CPU time of this process so far, from /proc/self/stat (Linux; clock ticks of
     * 10 ms); NaN elsewhere. Read without the management beans, which would cost a class loading of
     * their own.
     */
    private static double cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            // the fields after the command name, which is in parentheses and may hold spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000.0 / CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException unavailable) {
            return Double.NaN;
        }
    }

    private static double millis(long from, long to) {
        return (to - from) / 1_000_000.0;
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> figure) {
        double[] sorted = runs.stream().mapToDouble(figure).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double min(List<Run> runs) {
        return runs.stream().mapToDouble(Run::wallMs).min().orElse(Double.NaN);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
