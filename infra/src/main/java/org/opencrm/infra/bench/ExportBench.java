package org.opencrm.infra.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerBulkLoader;
import org.opencrm.core.customer.CustomerFields;
import org.opencrm.core.customer.CustomerLevel;
import org.opencrm.core.customer.CustomerStage;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.auth.DevTokens;

/**
 * A large customer export through the local cloud (issue 13's "an 8 MB export arrives by URL"):
 * seeds N customers with every exported field filled and an ERP id (healthy enough to export; about
 * 390 bytes a CSV row with every column; default 23,000 rows, 8.9 MB), raises the breaker's daily
 * limit through the configuration API, has the admin call {@code exportCustomers} over HTTP,
 * downloads the file from S3Proxy by its URL and counts its records with a CSV parser. Prints the
 * size and the times; exits 1 unless the file has the header and exactly N records.
 *
 * <pre>java -Xmx4g -cp infra/target/crm-local.jar org.opencrm.infra.bench.ExportBench 23000</pre>
 */
public final class ExportBench {

    private static final String EXPORT =
            "mutation { exportCustomers { rowCount delivery downloadUrl expiresAt } }";
    private static final String AUDITED =
            "query($id: ID!) { auditTrail(entityId: $id, first: 1) { edges { node { operation } } } }";
    private static final String RAISE_LIMIT =
            "mutation($v: Int!, $value: JSON!) { setConfiguration(name: \"breaker\", expectedVersion: $v, value: $value, note: \"export bench\") { version } }";

    /** Every seeded national id starts so; a file that must not show them must not hold it. */
    public static final String NATIONAL_ID_PREFIX = "11010519491231";

    private ExportBench() {}

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 23_000;
        BenchExit.afterClosing(
                () -> {
                    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
                    try (LocalCloud cloud =
                            LocalCloud.start(
                                    LocalCloudOptions.forTests(
                                            Path.of("template.yaml").toAbsolutePath()),
                                    quiet)) {
                        if (!run(cloud, rows, System.out)) {
                            throw new IllegalStateException("the file is not the export asked for");
                        }
                    }
                });
    }

    /** Runs one export of {@code rows} customers; true when the file holds exactly them. */
    public static boolean run(LocalCloud cloud, int rows, PrintStream out) throws Exception {
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        URI graphql = URI.create(cloud.baseUrl() + "/graphql");
        String admin = DevTokens.fromEnvironment(AppClock.SHARED).mint(DemoOrg.ADMIN);
        long version =
                BenchGraphql.post(
                                http,
                                graphql,
                                admin,
                                "{ configuration(name: \"breaker\") { version } }",
                                Map.of())
                        .at("/data/configuration/version")
                        .asLong();
        BenchGraphql.post(
                http,
                graphql,
                admin,
                RAISE_LIMIT,
                Map.of(
                        "v",
                        version,
                        "value",
                        Map.of(
                                "exportRowsPerDay",
                                1_000_000,
                                "levelChangesInRow",
                                3,
                                "levelChangeWindowHours",
                                24)));

        long started = System.nanoTime();
        String region = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = seedCustomers(cloud, DemoOrg.ADMIN.id(), region, rows);
        out.printf("seeded %d customers in %.1f s%n", rows, BenchGraphql.seconds(started));
        awaitAudited(http, graphql, admin, ids, out);

        long asked = System.nanoTime();
        JsonNode export =
                BenchGraphql.post(http, graphql, admin, EXPORT, Map.of())
                        .at("/data/exportCustomers");
        out.printf(
                "exportCustomers answered %s with %d rows in %.1f s (URL expires %s)%n",
                export.at("/delivery").asText(),
                export.at("/rowCount").asInt(),
                BenchGraphql.seconds(asked),
                export.at("/expiresAt").asText());

        long downloading = System.nanoTime();
        HttpResponse<byte[]> file =
                http.send(
                        HttpRequest.newBuilder(URI.create(export.at("/downloadUrl").asText()))
                                .timeout(Duration.ofMinutes(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        byte[] body = file.body();
        int records = countRecords(body);
        out.printf(
                "downloaded HTTP %d, %d bytes (%.1f MB, %d per row) in %.2f s: header + %d records%n",
                file.statusCode(),
                body.length,
                body.length / 1e6,
                body.length / Math.max(rows, 1),
                BenchGraphql.seconds(downloading),
                records - 1);
        return file.statusCode() == 200
                && "URL".equals(export.at("/delivery").asText())
                && export.at("/rowCount").asInt() == rows
                && records == rows + 1;
    }

    /**
     * Writes {@code rows} customers of the owner in the region (team {@code <region>-a}) with every
     * exported field filled, in batches from a few threads, with distinct phones and emails as the
     * loader needs; returns their ids in the order written. Also the end-to-end tests' way to seed
     * volume.
     */
    public static List<String> seedCustomers(
            LocalCloud cloud, String ownerId, String region, int rows) throws Exception {
        Instant now = Instant.now();
        long firstMobile = ThreadLocalRandom.current().nextLong(0, 900_000_000L - rows);
        List<Customer> all = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            all.add(customer(ownerId, region, String.format("13%09d", firstMobile + i), now, i));
        }
        CustomerBulkLoader loader = new CustomerBulkLoader(cloud.dynamo(), cloud.tableNames());
        WriteStamp stamp = new WriteStamp(ownerId, "seed", "127.0.0.1", now);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> loads = new ArrayList<>();
            for (int from = 0; from < all.size(); from += 500) {
                List<Customer> chunk = all.subList(from, Math.min(from + 500, all.size()));
                loads.add(threads.submit(() -> loader.load(chunk, stamp)));
            }
            for (Future<Integer> load : loads) {
                load.get();
            }
        } finally {
            threads.shutdown();
        }
        return all.stream().map(Customer::id).toList();
    }

    /**
     * Waits until the audit stream has recorded the last customer of every batch of 500: seeding
     * writes a stream record per customer, and an export timed while the audit function still works
     * through them would measure DynamoDB Local's contention, not the export.
     */
    private static void awaitAudited(
            HttpClient http, URI graphql, String admin, List<String> ids, PrintStream out)
            throws Exception {
        long started = System.nanoTime();
        for (int last = Math.min(ids.size(), 500) - 1; last < ids.size(); last += 500) {
            String id = ids.get(last);
            while (BenchGraphql.post(http, graphql, admin, AUDITED, Map.of("id", id))
                    .at("/data/auditTrail/edges")
                    .isEmpty()) {
                Thread.sleep(1_000);
            }
        }
        out.printf("audit stream caught up %.1f s after seeding%n", BenchGraphql.seconds(started));
    }

    private static Customer customer(
            String ownerId, String region, String mobile, Instant now, int i) {
        CustomerFields fields =
                CustomerFields.builder()
                        .name("导出客户 " + i)
                        .phone("+86" + mobile)
                        .email("export-" + UUID.randomUUID() + "@example.com")
                        .wechatId("wx" + mobile)
                        .stage(CustomerStage.CONTACTED)
                        .level(CustomerLevel.B)
                        .region(region)
                        .nationalId(NATIONAL_ID_PREFIX + String.format("%04d", i % 10_000))
                        .expectedDealAmount(new BigDecimal("128000.00"))
                        .remark("客户希望下周安排产品演示，预算已批准，联系人为采购部经理")
                        .build();
        return Customer.builder()
                .id(UUID.randomUUID().toString())
                .version(0)
                .fields(fields)
                .ownerId(ownerId)
                .team(region + "-a")
                // An ERP id makes the record complete and credible (health 70): the health stream
                // would otherwise move it to the observation pool, out of bulk export, mid-run.
                .externalIds(Map.of("ERP", "ERP-" + mobile))
                .createdAt(now.plusMillis(i))
                .updatedAt(now)
                .archived(false)
                .build();
    }

    /** Records of the file (the header included), after its UTF-8 byte order mark. */
    private static int countRecords(byte[] file) throws Exception {
        String text = new String(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (MappingIterator<List<String>> records =
                new CsvMapper()
                        .readerForListOf(String.class)
                        .with(CsvParser.Feature.WRAP_AS_ARRAY)
                        .readValues(text)) {
            int count = 0;
            while (records.hasNext()) {
                records.next();
                count++;
            }
            return count;
        }
    }
}
