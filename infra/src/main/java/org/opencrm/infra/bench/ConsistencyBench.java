package org.opencrm.infra.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.opencrm.core.access.Caller;
import org.opencrm.core.consistency.ApplyResult;
import org.opencrm.core.consistency.ApplyStatus;
import org.opencrm.core.consistency.ArbitrationRule;
import org.opencrm.core.consistency.ConsistencyDiff;
import org.opencrm.core.consistency.ConsistencyFiles;
import org.opencrm.core.consistency.ConsistencyReport;
import org.opencrm.core.consistency.ConsistencyService;
import org.opencrm.core.consistency.ConsistencyStore;
import org.opencrm.core.consistency.ExportFile;
import org.opencrm.core.consistency.PlantedExport;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerBulkLoader;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.customer.SourceStamp;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.infra.auth.DemoOrg;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

/**
 * The done-when of issue 17 at full size: an ERP export of about 50,000 rows with planted
 * differences ({@link PlantedExport}) against as many customers in DynamoDB Local (server mode),
 * diffed and then settled by LATEST_WINS. Prints the counts found against the planted ones, the
 * durations, and exits 1 when any count or any applied field is not the planted one.
 *
 * <pre>
 * java -Xmx2g -cp infra/target/crm-local.jar org.opencrm.infra.bench.ConsistencyBench [customers]
 *     [seconds per invocation]
 * </pre>
 *
 * Default 47,620 customers, which with the planted duplicates and missing rows makes a 50,000-row
 * export. The diff is worked as in AWS: the arrival for its budget (30 s here by default, so that a
 * full-size diff shows its continuation), then scheduled runs from the saved cursor; the peak heap
 * used while diffing is printed. Run from the project root.
 */
public final class ConsistencyBench {

    private ConsistencyBench() {}

    public static void main(String[] args) {
        BenchExit.afterClosing(() -> measure(args));
    }

    private static void measure(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 47_620;
        Duration invocation = Duration.ofSeconds(args.length > 1 ? Integer.parseInt(args[1]) : 30);
        Clock clock = Clock.systemUTC();
        try (CountedDynamo cloud = CountedDynamo.start(Path.of("template.yaml"), clock)) {
            run(cloud, customers, invocation, clock);
        }
    }

    private static void run(CountedDynamo cloud, int customers, Duration invocation, Clock clock)
            throws IOException {
        Caller admin = DemoOrg.ADMIN.caller("bench");
        Instant seededAt = clock.instant().minus(Duration.ofDays(30));
        PlantedExport planted = PlantedExport.of(customers, "ERP", admin.userId(), null, seededAt);
        long seedStart = System.nanoTime();
        new CustomerBulkLoader(cloud.dynamo(), cloud.tables())
                .load(planted.customers(), new WriteStamp(admin.userId(), "bench", null, seededAt));
        long seedMillis = (System.nanoTime() - seedStart) / 1_000_000;

        ConsistencyStore store = new ConsistencyStore(cloud.dynamo(), cloud.tables());
        // the export as a file read as a stream, as the pinned S3 object is: nothing of it is
        // held by the diff beyond a chunk
        Path exportFile = Files.createTempFile("consistency-export-", ".csv");
        Files.writeString(exportFile, planted.csv(), StandardCharsets.UTF_8);
        long[] csvBytes = {0};
        ConsistencyDiff diff =
                new ConsistencyDiff(
                        store,
                        new CustomerStore(
                                DynamoDbEnhancedClient.builder()
                                        .dynamoDbClient(cloud.dynamo())
                                        .build(),
                                cloud.tables()),
                        file -> () -> Files.newInputStream(Path.of(file.key())),
                        (reportId, csv) -> csvBytes[0] = csv.toFile().length(),
                        clock,
                        new ConsistencyDiff.Tuning(
                                ConsistencyDiff.CHUNK_ROWS,
                                ConsistencyService.budgetOf(invocation),
                                () -> {}));
        String id = UUID.randomUUID().toString();
        HeapPeak heap = HeapPeak.start();
        long diffStart = System.nanoTime();
        ConsistencyReport arrived =
                diff.run(
                        new ConsistencyDiff.Export(
                                id,
                                "ERP",
                                admin.userId(),
                                "text/csv",
                                new ExportFile(
                                        exportFile.toString(),
                                        "bench",
                                        Files.size(exportFile),
                                        null)));
        long arrivalMillis = (System.nanoTime() - diffStart) / 1_000_000;
        // as in AWS: the arrival's budget, then the schedule's runs (back to back here, each
        // with the same budget) from the saved cursor until the report is DONE
        int diffRuns = 0;
        while (store.find(id).orElseThrow().status() == ConsistencyReport.Status.RUNNING) {
            ConsistencyReport before = store.find(id).orElseThrow();
            diff.continuePending(ConsistencyService.budgetOf(invocation).get());
            diffRuns++;
            System.out.printf(
                    "  diff continued: run %d from %d/%d rows%n",
                    diffRuns, before.processed(), before.total());
        }
        long diffMillis = (System.nanoTime() - diffStart) / 1_000_000;
        long peakHeap = heap.stop();
        ConsistencyReport report = store.find(id).orElseThrow();
        Files.deleteIfExists(exportFile);

        ConsistencyService service =
                new ConsistencyService(
                        store,
                        cloud.services().customers(),
                        cloud.services().users(),
                        new ConsistencyFiles(
                                () -> {
                                    throw new IllegalStateException(
                                            "the bench keeps CSVs in memory");
                                }),
                        clock);
        // as in AWS: the mutation's inline budget, then the schedule's runs (back to back here,
        // each with a Lambda's 300 s less its reserve) until the apply is DONE
        long applyStart = System.nanoTime();
        ApplyResult inline = service.apply(id, ArbitrationRule.LATEST_WINS, null, admin);
        long inlineMillis = (System.nanoTime() - applyStart) / 1_000_000;
        int runs = 0;
        while (store.find(id).orElseThrow().lastApply().pending()) {
            service.continuePending(ConsistencyService.budgetOf(Duration.ofSeconds(280)).get());
            runs++;
        }
        long applyMillis = (System.nanoTime() - applyStart) / 1_000_000;
        ApplyResult applied = store.find(id).orElseThrow().lastApply().progress();
        service.apply(id, ArbitrationRule.LATEST_WINS, null, admin);
        while (store.find(id).orElseThrow().lastApply().pending()) {
            service.continuePending(() -> true);
        }
        ApplyResult again = store.find(id).orElseThrow().lastApply().progress();

        int wrongFields = wrongAppliedFields(cloud, planted, admin, seededAt);
        System.out.println();
        System.out.printf(
                "export rows %d (customers %d), status %s, processed %d/%d%n",
                planted.rows(), customers, report.status(), report.processed(), report.total());
        System.out.printf("planted %s%nfound   %s%n", planted.expected(), report.counts());
        System.out.printf(
                "seed %d ms, diff %d ms (%.0f rows/s), CSV %d bytes%n",
                seedMillis,
                diffMillis,
                planted.rows() * 1000.0 / Math.max(1, diffMillis),
                csvBytes[0]);
        System.out.printf(
                "diff in invocations of %d s: the arrival left %s at %d/%d rows after %d ms,"
                        + " %d continuation run(s); peak heap used while diffing %d MB (of max"
                        + " %d MB; the bench's own planted customers and CSV text included)%n",
                invocation.toSeconds(),
                arrived.status(),
                arrived.processed(),
                arrived.total(),
                arrivalMillis,
                diffRuns,
                peakHeap / (1024 * 1024),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.printf(
                "LATEST_WINS inline: %s after %d ms, %d/%d rows, %d fields; continued in %d"
                        + " schedule run(s)%n",
                inline.status(),
                inlineMillis,
                inline.processed(),
                applied.processed(),
                inline.fieldsChanged(),
                runs);
        System.out.printf(
                "LATEST_WINS: %s, %d fields on %d customers in %d ms (planted %d), again: %d"
                        + " changed, %d already equal; wrong applied fields %d%n",
                applied.status(),
                applied.fieldsChanged(),
                applied.customersChanged(),
                applyMillis,
                planted.applied().size(),
                again.fieldsChanged(),
                again.fieldsAlreadyEqual(),
                wrongFields);
        boolean ok =
                report.status() == ConsistencyReport.Status.DONE
                        && planted.expected().equals(report.counts())
                        && applied.status() == ApplyStatus.DONE
                        && applied.fieldsChanged() == planted.applied().size()
                        && again.fieldsChanged() == 0
                        && wrongFields == 0;
        if (!ok) {
            throw new IllegalStateException("the diff or the apply is not the planted one");
        }
        System.out.println("OK: every count and every applied field is the planted one");
    }

    /** The most heap in use, sampled every 20 ms from start to stop. */
    private static final class HeapPeak {
        private final AtomicLong peak = new AtomicLong();
        private final Thread sampler;

        private HeapPeak() {
            sampler = new Thread(this::sample, "heap-peak");
            sampler.setDaemon(true);
            sampler.start();
        }

        private void sample() {
            Runtime runtime = Runtime.getRuntime();
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }

        static HeapPeak start() {
            System.gc();
            return new HeapPeak();
        }

        long stop() {
            sampler.interrupt();
            return peak.get();
        }
    }

    /** Planted customers whose name is not the planted one, or not stamped by the ERP's time. */
    private static int wrongAppliedFields(
            CountedDynamo cloud, PlantedExport planted, Caller admin, Instant seededAt) {
        int wrong = 0;
        SourceStamp erp = new SourceStamp("ERP", seededAt.plus(Duration.ofDays(1)));
        for (Customer seeded : planted.customers()) {
            Customer now = cloud.services().customers().get(seeded.id(), admin);
            Map<String, String> change = planted.applied().get(seeded.id());
            boolean right =
                    change == null
                            ? now.fields().equals(seeded.fields()) && now.version() == 1
                            : now.fields().name().equals(change.get("name"))
                                    && now.stampOf("name").equals(erp)
                                    && now.version() == 2;
            wrong += right ? 0 : 1;
        }
        return wrong;
    }
}
