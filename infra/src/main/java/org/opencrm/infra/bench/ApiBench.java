package org.opencrm.infra.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerBulkLoader;
import org.opencrm.core.customer.CustomerFields;
import org.opencrm.core.customer.CustomerItem;
import org.opencrm.core.customer.CustomerStage;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Measures what the API costs on top of DynamoDB, and whether lists stay flat as a table grows.
 * Runs the function template.yaml routes {@code POST /graphql} to, in the environment the local
 * cloud gives it, against DynamoDB Local in server mode, so the handler and the bare client pay the
 * same HTTP hop to the engine.
 *
 * <pre>
 * java -cp infra/target/crm-local.jar org.opencrm.infra.bench.ApiBench [small] [large] [samples]
 * </pre>
 *
 * Defaults: 1000 and 100000 customers, 2000 samples per figure. Run from the project root. Exits by
 * itself when done (see {@link BenchExit}).
 */
public final class ApiBench {

    private static final String GET_QUERY =
            "query($id: ID!) { customer(id: $id) { id version name phone stage region ownerId createdAt } }";
    private static final String LIST_QUERY =
            "{ customers(first: 20) { edges { cursor node { id name phone stage ownerId createdAt } } pageInfo { hasNextPage endCursor } } }";

    private ApiBench() {}

    public static void main(String[] args) {
        BenchExit.afterClosing(() -> measure(args));
    }

    private static void measure(String[] args) throws Exception {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        BenchHandler.withEngine(engine -> run(engine, small, large, samples));
    }

    private static void run(BenchHandler.Engine engine, int small, int large, int samples)
            throws Exception {
        // the bare side uses the same client factory and environment as the handler
        DynamoDbClient dynamo = engine.dynamo();
        TableNames tables = engine.tables();
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = engine.handler();

        System.out.printf("seeding %,d customers...%n", small);
        List<String> ids = seed(dynamo, tables, 0, small);
        String someId = ids.get(ids.size() / 2);

        DynamoDbTable<CustomerItem> raw =
                DynamoClients.enhanced(dynamo)
                        .table(tables.customers(), TableSchema.fromBean(CustomerItem.class));
        double[] gets =
                p50Interleaved(
                        samples,
                        () -> BenchHandler.call(handler, GET_QUERY, Map.of("id", someId)),
                        () -> raw.getItem(Key.builder().partitionValue(someId).build()));
        double apiGet = gets[0];
        double bareGet = gets[1];
        double listSmall =
                p50Interleaved(samples, () -> BenchHandler.call(handler, LIST_QUERY, Map.of()))[0];

        System.out.printf("seeding up to %,d customers...%n", large);
        seed(dynamo, tables, small, large - small);
        double listLarge =
                p50Interleaved(samples, () -> BenchHandler.call(handler, LIST_QUERY, Map.of()))[0];

        System.out.println();
        System.out.printf("(a) customer(id) via API handler  p50 %.3f ms%n", apiGet);
        System.out.printf("    bare Enhanced Client getItem  p50 %.3f ms%n", bareGet);
        System.out.printf("    ratio API / bare              %.2fx%n", apiGet / bareGet);
        System.out.printf("(b) customers(first:20) at %,7d  p50 %.3f ms%n", small, listSmall);
        System.out.printf("    customers(first:20) at %,7d  p50 %.3f ms%n", large, listLarge);
        System.out.printf("    ratio large / small           %.2fx%n", listLarge / listSmall);
    }

    /** Same shape of rows as real use: one owner per 50 customers, spread over two regions. */
    private static List<String> seed(
            DynamoDbClient dynamo, TableNames tables, int offset, int count) throws Exception {
        CustomerBulkLoader loader = new CustomerBulkLoader(dynamo, tables);
        WriteStamp stamp = new WriteStamp("bench", "bench-seed", "127.0.0.1", Instant.now());
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        List<Customer> customers = new ArrayList<>();
        for (int i = offset; i < offset + count; i++) {
            String phone = String.format("+86139%08d", i);
            CustomerFields fields =
                    new CustomerFields(
                            "Customer " + i,
                            phone,
                            null,
                            null,
                            CustomerStage.NEW,
                            null,
                            i % 2 == 0 ? "east" : "south");
            customers.add(
                    new Customer(
                            UUID.randomUUID().toString(),
                            0,
                            fields,
                            "bench-rep-" + (i / 50),
                            base.plusSeconds(i),
                            base.plusSeconds(i),
                            false,
                            null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> writes = new ArrayList<>();
            for (int from = 0; from < customers.size(); from += 500) {
                List<Customer> chunk =
                        customers.subList(from, Math.min(customers.size(), from + 500));
                writes.add(pool.submit(() -> loader.load(chunk, stamp)));
            }
            for (Future<Integer> write : writes) {
                write.get();
            }
        } finally {
            // also when a write failed: its threads are not daemons
            pool.shutdown();
        }
        return customers.stream().map(Customer::id).toList();
    }

    /**
     * Median latency of each operation in ms. Operations are warmed up as long as they are
     * measured, then timed in alternation so JIT and machine noise hit them alike.
     */
    @SafeVarargs
    @SuppressWarnings("ReturnValueIgnored") // the operations are timed, their results not needed
    static double[] p50Interleaved(int samples, Supplier<?>... operations) {
        for (int i = 0; i < samples; i++) {
            for (Supplier<?> operation : operations) {
                operation.get();
            }
        }
        long[][] nanos = new long[operations.length][samples];
        for (int i = 0; i < samples; i++) {
            for (int op = 0; op < operations.length; op++) {
                long start = System.nanoTime();
                operations[op].get();
                nanos[op][i] = System.nanoTime() - start;
            }
        }
        double[] medians = new double[operations.length];
        for (int op = 0; op < operations.length; op++) {
            Arrays.sort(nanos[op]);
            medians[op] = nanos[op][samples / 2] / 1_000_000.0;
        }
        return medians;
    }
}
