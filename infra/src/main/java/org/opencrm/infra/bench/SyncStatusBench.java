package org.opencrm.infra.bench;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import org.opencrm.core.access.Caller;
import org.opencrm.graphql.CrmGraphql;
import org.opencrm.graphql.GraphqlRequest;
import org.opencrm.infra.auth.DemoOrg;

/**
 * What a page of 100 customers with their finance sync status costs: DynamoDB calls per request and
 * p50 latency, through the real schema and services over DynamoDB Local in server mode. Every other
 * customer is signed, its push written by the finance sync reaction and tried once (no finance
 * endpoint is configured, so it fails and waits for a retry).
 *
 * <pre>
 * java -cp infra/target/crm-local.jar org.opencrm.infra.bench.SyncStatusBench [samples]
 * </pre>
 *
 * Default: 300 samples after as many warm-up runs. Run from the project root. Exits by itself when
 * done (see {@link BenchExit}).
 */
public final class SyncStatusBench {

    static final String PAGE_QUERY =
            "{ customers(first: 100) { edges { node { id syncStatus { channel status attempts } } } } }";
    private static final int CUSTOMERS = 100;

    private SyncStatusBench() {}

    public static void main(String[] args) {
        BenchExit.afterClosing(() -> measure(args));
    }

    private static void measure(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        try (CountedDynamo cloud =
                CountedDynamo.start(Path.of("template.yaml"), Clock.systemUTC())) {
            run(cloud, samples);
        }
    }

    private static void run(CountedDynamo cloud, int samples) {
        cloud.seedHalfSignedCustomers(CUSTOMERS);
        CrmGraphql graphql = CrmGraphql.build(cloud.services(), "bench");
        Caller admin = DemoOrg.ADMIN.caller("bench");
        DynamoCallTally tally = cloud.tally();

        tally.reset();
        page(graphql, admin);
        Map<String, Long> calls = tally.byOperation();
        long total = tally.total();

        for (int i = 0; i < samples; i++) {
            page(graphql, admin);
        }
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            page(graphql, admin);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.println();
        System.out.printf(
                "customers(first:100) with syncStatus  DynamoDB calls %d %s%n", total, calls);
        System.out.printf(
                "customers(first:100) with syncStatus  p50 %.3f ms (%d samples)%n",
                nanos[samples / 2] / 1_000_000.0, samples);
    }

    private static void page(CrmGraphql graphql, Caller admin) {
        Map<String, Object> response = graphql.execute(GraphqlRequest.of(PAGE_QUERY), admin);
        if (response.containsKey("errors")) {
            throw new IllegalStateException("bench query failed: " + response.get("errors"));
        }
    }
}
