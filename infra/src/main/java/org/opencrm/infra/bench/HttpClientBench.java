package org.opencrm.infra.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.opencrm.infra.aws.DynamoDbLocalServer;
import org.opencrm.infra.aws.LocalAws;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Which SDK HTTP client should the deployable jar carry? This JVM starts DynamoDB Local and warms
 * it (table created, item written), then runs each measurement in a fresh JVM, as a Lambda cold
 * start meets a warm DynamoDB: the cold cost (build the client and make the first GetItem, class
 * loading included) and the warm p50 of GetItem. Prints every run, then min and median:
 *
 * <pre>java -cp infra/target/crm-local.jar org.opencrm.infra.bench.HttpClientBench url [runs]
 * java -cp infra/target/crm-local.jar org.opencrm.infra.bench.HttpClientBench crt [runs]</pre>
 */
public final class HttpClientBench {

    private static final String TABLE = "bench-http";
    private static final Map<String, AttributeValue> KEY = Map.of("id", AttributeValue.fromS("k"));
    private static final int SAMPLES = 3_000;
    private static final String PROBE = "--probe";

    private HttpClientBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && PROBE.equals(args[0])) {
            probe(args[1], URI.create(args[2]));
            // After the CRT client has run, a pool thread outlives close(); a one-shot
            // measurement ends here regardless.
            System.exit(0);
        }
        String kind = args.length > 0 ? args[0] : "url";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (DynamoDbLocalServer engine = DynamoDbLocalServer.start(Optional.empty())) {
            prepare(engine.endpoint());
            List<double[]> results = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                double[] result = inFreshJvm(kind, engine.endpoint());
                results.add(result);
                System.out.printf(
                        Locale.ROOT,
                        "%s run %d: cold (build client + first GetItem) %.0f ms, warm GetItem p50"
                                + " %.3f ms%n",
                        kind,
                        run,
                        result[0],
                        result[1]);
            }
            summarize(kind, results);
        }
        // DynamoDB Local leaves a non-daemon job thread behind after stop(); the run ends here.
        System.exit(0);
    }

    /** The table and item every probe reads, created by a client the probes never share. */
    private static void prepare(URI endpoint) {
        try (DynamoDbClient dynamo = client("url", endpoint)) {
            dynamo.createTable(
                    b ->
                            b.tableName(TABLE)
                                    .billingMode(BillingMode.PAY_PER_REQUEST)
                                    .attributeDefinitions(
                                            d ->
                                                    d.attributeName("id")
                                                            .attributeType(ScalarAttributeType.S))
                                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
            dynamo.putItem(b -> b.tableName(TABLE).item(KEY));
            for (int i = 0; i < SAMPLES; i++) {
                dynamo.getItem(b -> b.tableName(TABLE).key(KEY));
            }
        }
    }

    /** Runs {@link #probe} in a new JVM on this classpath; returns {cold ms, warm p50 ms}. */
    private static double[] inFreshJvm(String kind, URI endpoint) throws Exception {
        Process process =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                HttpClientBench.class.getName(),
                                PROBE,
                                kind,
                                endpoint.toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        String line;
        try (BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            line = out.readLine();
        }
        if (process.waitFor() != 0 || line == null) {
            throw new IllegalStateException("the " + kind + " probe failed: " + line);
        }
        String[] figures = line.trim().split(" ", -1);
        return new double[] {Double.parseDouble(figures[0]), Double.parseDouble(figures[1])};
    }

    /** In the fresh JVM: prints "coldMs p50Ms". */
    private static void probe(String kind, URI endpoint) {
        long coldStart = System.nanoTime();
        try (DynamoDbClient dynamo = client(kind, endpoint)) {
            dynamo.getItem(b -> b.tableName(TABLE).key(KEY));
            double coldMs = (System.nanoTime() - coldStart) / 1_000_000.0;
            for (int i = 0; i < SAMPLES; i++) {
                dynamo.getItem(b -> b.tableName(TABLE).key(KEY));
            }
            long[] nanos = new long[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                long start = System.nanoTime();
                dynamo.getItem(b -> b.tableName(TABLE).key(KEY));
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "%.1f %.4f%n", coldMs, nanos[SAMPLES / 2] / 1_000_000.0);
            System.out.flush();
        }
    }

    private static void summarize(String kind, List<double[]> results) {
        double[] cold = results.stream().mapToDouble(result -> result[0]).sorted().toArray();
        double[] warm = results.stream().mapToDouble(result -> result[1]).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "%s over %d fresh JVMs: cold min %.0f ms, median %.0f ms; warm GetItem p50 min"
                        + " %.3f ms, median %.3f ms%n",
                kind,
                results.size(),
                cold[0],
                median(cold),
                warm[0],
                median(warm));
    }

    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static DynamoDbClient client(String kind, URI endpoint) {
        return DynamoDbClient.builder()
                // built by the SDK client, so closing it closes the HTTP client too
                .httpClientBuilder(httpClient(kind))
                .endpointOverride(endpoint)
                .region(Region.of(LocalAws.REGION))
                .credentialsProvider(LocalAws.credentials())
                .build();
    }

    private static SdkHttpClient.Builder<?> httpClient(String kind) {
        return "crt".equals(kind) ? AwsCrtHttpClient.builder() : UrlConnectionHttpClient.builder();
    }
}
