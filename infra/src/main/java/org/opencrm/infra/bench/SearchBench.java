package org.opencrm.infra.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerBulkLoader;
import org.opencrm.core.customer.CustomerFields;
import org.opencrm.core.customer.CustomerStage;
import org.opencrm.core.search.Pinyin;
import org.opencrm.core.search.SearchDocuments;
import org.opencrm.core.search.SearchIndexStore;
import org.opencrm.core.search.SearchIndexer;
import org.opencrm.core.store.DynamoCallCounter;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Search's latency (issue 15): N customers with random Chinese names and mobiles, their search
 * tokens written through {@link SearchIndexer#index}, the same {@code SearchIndexStore.replace} the
 * stream reactor calls (not through the stream: DynamoDB Local's stream polling would take far
 * longer than the bench), then p50/p95 and DynamoDB calls of {@code search(...)} through the real
 * GraphQL handler, for a surname, full pinyin, pinyin initials, a phone's last four digits and a
 * full phone; and {@code customer(id)} p50 for comparison. As the admin (row scope ALL). Runs
 * against DynamoDB Local in server mode, like {@link FunnelBench}.
 *
 * <pre>
 * java -cp infra/target/crm-local.jar org.opencrm.infra.bench.SearchBench [customers] [samples]
 * </pre>
 *
 * Defaults: 100000 customers, 100 samples per figure. Run from the project root. Exits by itself.
 */
public final class SearchBench {

    private static final String SEARCH =
            "query($text: String!) { search(text: $text, first: 20) {"
                    + " edges { node { type id title subtitle matchedBy match } } } }";
    private static final String CUSTOMER = "query($id: ID!) { customer(id: $id) { id name } }";
    private static final String SURNAMES =
            "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金贾韦夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文";
    private static final String GIVEN = "伟芳娜敏静秀丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉兰萍鹏飞红辉建国志文海燕春梅晨宇浩然欣怡子涵梓轩一诺佳琪思雨";
    private static final int CUSTOMERS_PER_OWNER = 100;

    private SearchBench() {}

    public static void main(String[] args) {
        BenchExit.afterClosing(() -> measure(args));
    }

    private static void measure(String[] args) throws Exception {
        int customerCount = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        BenchHandler.withEngine(engine -> run(engine, customerCount, samples));
    }

    private static void run(BenchHandler.Engine engine, int customerCount, int samples)
            throws Exception {
        DynamoDbClient dynamo = engine.dynamo();
        TableNames tables = engine.tables();
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = engine.handler();

        System.out.printf("seeding %,d customers and their search tokens...%n", customerCount);
        long seeding = System.nanoTime();
        List<Customer> customers = customers(customerCount);
        seed(dynamo, tables, customers);
        System.out.printf(
                "seeded in %d s%n", Duration.ofNanos(System.nanoTime() - seeding).toSeconds());

        Random pick = new Random(15L);
        Map<String, Supplier<String>> texts = new LinkedHashMap<>();
        texts.put("surname (张)", () -> "张");
        texts.put("full pinyin", () -> fullPinyin(any(customers, pick)));
        texts.put("pinyin initials", () -> initials(any(customers, pick)));
        texts.put("last four digits", () -> lastFour(any(customers, pick)));
        texts.put("full phone", () -> any(customers, pick).fields().phone());

        System.out.println();
        for (Map.Entry<String, Supplier<String>> text : texts.entrySet()) {
            Figures figures =
                    timed(
                            samples,
                            () ->
                                    BenchHandler.call(
                                            handler,
                                            SEARCH,
                                            Map.of("text", text.getValue().get())));
            System.out.printf(
                    "search(%-18s) p50 %8.2f ms  p95 %8.2f ms  DynamoDB calls/search %.1f"
                            + "  (%d samples, %,d customers)%n",
                    text.getKey(),
                    figures.p50Millis(),
                    figures.p95Millis(),
                    figures.callsPerCall(),
                    samples,
                    customerCount);
        }
        Figures byId =
                timed(
                        samples,
                        () ->
                                BenchHandler.call(
                                        handler,
                                        CUSTOMER,
                                        Map.of("id", any(customers, pick).id())));
        System.out.printf(
                "customer(id)               p50 %8.2f ms  p95 %8.2f ms  DynamoDB calls %.1f%n",
                byId.p50Millis(), byId.p95Millis(), byId.callsPerCall());
    }

    private static List<Customer> customers(int count) {
        Random random = new Random(15L);
        Instant now = Instant.now();
        long firstMobile = 300_000_000L;
        List<Customer> customers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name =
                    SURNAMES.charAt(random.nextInt(SURNAMES.length()))
                            + ""
                            + GIVEN.charAt(random.nextInt(GIVEN.length()))
                            + (random.nextBoolean()
                                    ? String.valueOf(GIVEN.charAt(random.nextInt(GIVEN.length())))
                                    : "");
            CustomerFields fields =
                    CustomerFields.builder()
                            .name(name)
                            .phone(String.format("+8613%09d", firstMobile + i))
                            .email("search-" + i + "@example.com")
                            .stage(CustomerStage.NEW)
                            .region(i % 2 == 0 ? "east" : "south")
                            .build();
            customers.add(
                    Customer.builder()
                            .id(UUID.randomUUID().toString())
                            .version(0)
                            .fields(fields)
                            .ownerId("bench-rep-" + (i / CUSTOMERS_PER_OWNER))
                            .team("bench-team")
                            .createdAt(now.plusMillis(i))
                            .updatedAt(now)
                            .archived(false)
                            .build());
        }
        return customers;
    }

    /** The customers through the bulk loader, their tokens through the reactor's own code. */
    private static void seed(DynamoDbClient dynamo, TableNames tables, List<Customer> customers)
            throws Exception {
        CustomerBulkLoader loader = new CustomerBulkLoader(dynamo, tables);
        SearchIndexer indexer =
                new SearchIndexer(new SearchIndexStore(DynamoClients.enhanced(dynamo), tables));
        WriteStamp stamp = new WriteStamp("bench", "bench-seed", "127.0.0.1", Instant.now());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int from = 0; from < customers.size(); from += 500) {
                List<Customer> chunk =
                        customers.subList(from, Math.min(from + 500, customers.size()));
                writes.add(
                        pool.submit(
                                () -> {
                                    loader.load(chunk, stamp);
                                    chunk.forEach(
                                            customer ->
                                                    SearchDocuments.of(customer)
                                                            .ifPresent(indexer::index));
                                    return null;
                                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static Customer any(List<Customer> customers, Random pick) {
        return customers.get(pick.nextInt(customers.size()));
    }

    private static String fullPinyin(Customer customer) {
        return Pinyin.of(customer.fields().name()).full().iterator().next();
    }

    private static String initials(Customer customer) {
        return Pinyin.of(customer.fields().name()).initials().iterator().next();
    }

    private static String lastFour(Customer customer) {
        String phone = customer.fields().phone();
        return phone.substring(phone.length() - 4);
    }

    /** Latency percentiles and the DynamoDB calls each call made on average. */
    private record Figures(double p50Millis, double p95Millis, double callsPerCall) {}

    /** After as many warm-up calls as are measured. */
    private static Figures timed(int samples, Runnable call) {
        for (int i = 0; i < samples; i++) {
            call.run();
        }
        long[] nanos = new long[samples];
        long calls = 0;
        for (int i = 0; i < samples; i++) {
            DynamoCallCounter.Span span = DynamoCallCounter.start();
            long start = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - start;
            calls += span.calls();
        }
        Arrays.sort(nanos);
        return new Figures(
                nanos[samples / 2] / 1e6,
                nanos[(int) Math.ceil(samples * 0.95) - 1] / 1e6,
                (double) calls / samples);
    }
}
