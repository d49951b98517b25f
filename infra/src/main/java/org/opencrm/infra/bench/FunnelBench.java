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
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealProgress;
import org.opencrm.core.deal.DealStage;
import org.opencrm.core.deal.DealStore;
import org.opencrm.core.deal.Pipeline;
import org.opencrm.core.deal.PipelineStage;
import org.opencrm.core.deal.StageType;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The funnel's latency (R-23, issue 14): N deals with random histories over a year (seeded), their
 * stage entries written as a move writes them, then p50/p95 of {@code funnel(...)} over one quarter
 * through the real GraphQL handler for the whole org, one region and one owner. Runs against
 * DynamoDB Local in server mode, like {@link ApiBench}.
 *
 * <pre>
 * java -cp infra/target/crm-local.jar org.opencrm.infra.bench.FunnelBench [deals] [samples]
 * </pre>
 *
 * Defaults: 10000 deals, 100 samples per figure. Run from the project root. Exits by itself.
 */
public final class FunnelBench {

    private static final String FUNNEL_QUERY =
            "query($from: DateTime!, $to: DateTime!, $region: String, $ownerId: ID) {"
                    + " funnel(from: $from, to: $to, region: $region, ownerId: $ownerId) {"
                    + " stages { stage entered advanced won lost conversionRate"
                    + " averageDaysInStage medianDaysInStage } } }";
    private static final Instant YEAR = Instant.parse("2026-01-01T00:00:00Z");
    private static final int DEALS_PER_OWNER = 50;

    private FunnelBench() {}

    public static void main(String[] args) {
        BenchExit.afterClosing(() -> measure(args));
    }

    private static void measure(String[] args) throws Exception {
        int dealCount = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        BenchHandler.withEngine(engine -> run(engine, dealCount, samples));
    }

    private static void run(BenchHandler.Engine engine, int dealCount, int samples)
            throws Exception {
        DynamoDbClient dynamo = engine.dynamo();
        TableNames tables = engine.tables();
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler = engine.handler();

        System.out.printf("seeding %,d deals with random histories...%n", dealCount);
        long seeding = System.nanoTime();
        seed(new DealStore(DynamoClients.enhanced(dynamo), tables), dealCount);
        System.out.printf(
                "seeded in %d s%n", Duration.ofNanos(System.nanoTime() - seeding).toSeconds());

        Map<String, Map<String, Object>> slices = new LinkedHashMap<>();
        Map<String, Object> quarter = new LinkedHashMap<>();
        quarter.put("from", "2026-04-01T00:00:00Z");
        quarter.put("to", "2026-07-01T00:00:00Z");
        slices.put("all", quarter);
        Map<String, Object> region = new LinkedHashMap<>(quarter);
        region.put("region", "east");
        slices.put("region east", region);
        Map<String, Object> owner = new LinkedHashMap<>(quarter);
        owner.put("ownerId", "bench-rep-3");
        slices.put("owner bench-rep-3", owner);

        System.out.println();
        for (Map.Entry<String, Map<String, Object>> slice : slices.entrySet()) {
            long[] nanos =
                    timed(
                            samples,
                            () -> BenchHandler.call(handler, FUNNEL_QUERY, slice.getValue()));
            System.out.printf(
                    "funnel(quarter, %-18s) p50 %8.2f ms  p95 %8.2f ms  (%d samples, %,d deals)%n",
                    slice.getKey(),
                    nanos[samples / 2] / 1e6,
                    nanos[(int) Math.ceil(samples * 0.95) - 1] / 1e6,
                    samples,
                    dealCount);
        }
    }

    /**
     * Deals created over the year, each with a random walk through the default pipeline (forward,
     * back one, lost, reopened, won), written with their stage entries as a move writes them.
     */
    private static void seed(DealStore store, int dealCount) throws Exception {
        Pipeline pipeline = Pipeline.DEFINITION.defaults();
        Random random = new Random(14L);
        List<Deal> deals = new ArrayList<>();
        for (int i = 0; i < dealCount; i++) {
            Instant created = YEAR.plus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)));
            deals.add(
                    Deal.builder()
                            .id(UUID.randomUUID().toString())
                            .version(0)
                            .customerId("bench-customer-" + i)
                            .title("Bench deal " + i)
                            .amountFen(100_000L)
                            .ownerId("bench-rep-" + (i / DEALS_PER_OWNER))
                            .team("bench-team")
                            .region(i % 2 == 0 ? "east" : "south")
                            .progress(randomWalk(pipeline, created, random))
                            .createdAt(created)
                            .build());
        }
        WriteStamp stamp = new WriteStamp("bench", "bench-seed", "127.0.0.1", Instant.now());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (Deal deal : deals) {
                writes.add(pool.submit(() -> store.insert(deal, pipeline, stamp)));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static DealProgress randomWalk(Pipeline pipeline, Instant created, Random random) {
        List<PipelineStage> stages = pipeline.stages();
        int won = pipeline.indexOf(DealStage.SIGNED);
        DealProgress progress = DealProgress.start(pipeline.firstStage(), created);
        Instant at = created;
        int moves = random.nextInt(12);
        for (int i = 0; i < moves; i++) {
            StageType type = pipeline.stage(progress.stage()).orElseThrow().type();
            if (type == StageType.WON) {
                break;
            }
            at = at.plus(Duration.ofMinutes(1 + random.nextInt(14 * 24 * 60)));
            DealStage to;
            int here = pipeline.indexOf(progress.stage());
            int roll = random.nextInt(100);
            if (type == StageType.LOST) {
                to = progress.lostIn();
            } else if (roll < 15) {
                to = DealStage.LOST;
            } else if (roll < 35 && here > 0) {
                to = stages.get(here - 1).id();
            } else {
                to = stages.get(Math.min(here + 1, won)).id();
            }
            progress = progress.move(pipeline, to, at).progress();
        }
        return progress;
    }

    private interface Call {
        void run();
    }

    /** Sorted latencies in ns after as many warm-up calls as are measured. */
    private static long[] timed(int samples, Call call) {
        for (int i = 0; i < samples; i++) {
            call.run();
        }
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            call.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }
}
