package org.opencrm.infra.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.opencrm.core.CoreServices;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.contract.FactKind;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.contract.MoneyFactItem;
import org.opencrm.core.intake.LeadChannels;
import org.opencrm.core.report.DayGroup;
import org.opencrm.core.report.ReconciliationReport;
import org.opencrm.core.report.RevenueGroup;
import org.opencrm.core.report.RevenueStore;
import org.opencrm.core.report.Totals;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.secrets.FileSecretSource;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Revenue at scale (issue 16): N random contracts' money facts over 2026 (partial shipments,
 * invoices and payments, voidings, returns, credit notes, refunds) written to the contracts table;
 * its stream read back and fed to the aggregator with a quarter of the batches crashing after some
 * records (redelivered from the failed record or whole) and a third delivered twice; the aggregates
 * checked against a from-scratch recount, reconciled (no drift), one tampered with (exactly that
 * drift); then p50/p95 of {@code revenue(...)} through the real GraphQL handler. DynamoDB Local in
 * server mode, like {@link FunnelBench}.
 *
 * <pre>
 * java -cp infra/target/crm-local.jar org.opencrm.infra.bench.RevenueBench [contracts] [samples]
 * </pre>
 *
 * Defaults: 10000 contracts, 50 samples per figure. Run from the project root. Exits by itself.
 */
public final class RevenueBench {

    private static final String REVENUE_QUERY =
            "query($from: DateTime!, $to: DateTime!, $groupBy: [RevenueDimension!]!,"
                    + " $calibers: [Caliber!]!) { revenue(from: $from, to: $to, groupBy: $groupBy,"
                    + " calibers: $calibers) { definitionVersion"
                    + " rows { month region ownerId values { caliber amount } }"
                    + " excluded { reason count amount } } }";
    private static final int YEAR = 2026;
    private static final int OWNERS = 60;
    private static final int BATCH = 100;
    private static final TableSchema<MoneyFactItem> FACTS =
            TableSchema.fromBean(MoneyFactItem.class);

    private RevenueBench() {}

    public static void main(String[] args) {
        BenchExit.afterClosing(() -> measure(args));
    }

    private static void measure(String[] args) throws Exception {
        int contracts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        BenchHandler.withEngine(engine -> run(engine, contracts, samples));
    }

    private static void run(BenchHandler.Engine engine, int contractCount, int samples)
            throws Exception {
        DynamoDbClient dynamo = engine.dynamo();
        TableNames tables = engine.tables();
        RuntimeEnvironment runtime = RuntimeEnvironment.current();
        CoreServices services =
                CoreServices.build(
                        dynamo,
                        tables,
                        Clock.systemUTC(),
                        Duration.ZERO,
                        FileSecretSource.load(
                                FileSecretSource.createDemo(
                                        Files.createTempDirectory("crm-bench")
                                                .resolve("secrets.json"),
                                        LeadChannels.builtInChannelIds())),
                        runtime);

        List<MoneyFact> facts = randomFacts(contractCount, new Random(16L));
        long started = System.nanoTime();
        write(dynamo, tables, facts);
        System.out.printf(
                "wrote %,d facts of %,d contracts in %.1f s%n",
                facts.size(), contractCount, BenchGraphql.seconds(started));

        started = System.nanoTime();
        List<Record> records;
        try (DynamoDbStreamsClient streams = DynamoClients.streams(runtime)) {
            records = streamOf(streams, tables.contracts());
        }
        int[] delivered = deliver(records, services.reports().aggregator()::onRecord);
        System.out.printf(
                "stream: %,d records delivered %,d times (%,d crashed batches) in %.1f s%n",
                records.size(), delivered[0], delivered[1], BenchGraphql.seconds(started));

        RevenueStore store = new RevenueStore(dynamo, tables);
        List<YearMonth> months = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            months.add(YearMonth.of(YEAR, m));
        }
        int differing = 0;
        for (Caliber caliber : Caliber.values()) {
            for (YearMonth month : months) {
                differing +=
                        recount(facts, caliber, month).equals(store.month(caliber, month)) ? 0 : 1;
                differing +=
                        dailyRecount(facts, caliber, month)
                                        .equals(
                                                store.days(
                                                        caliber,
                                                        month.atDay(1),
                                                        month.atEndOfMonth()))
                                ? 0
                                : 1;
            }
        }
        System.out.printf(
                "aggregates vs from-scratch recount: %d of %d partitions differ%n",
                differing, 2 * 4 * 12);

        started = System.nanoTime();
        ReconciliationReport clean = services.reports().reconciler().reconcile(months);
        System.out.printf(
                "reconciliation of 12 months: %,d facts, %,d items compared, %d drifts in %.1f s%n",
                clean.factsChecked(),
                clean.groupsChecked(),
                clean.drifts().size(),
                BenchGraphql.seconds(started));
        MoneyFact victim = facts.get(facts.size() / 3);
        dynamo.updateItem(
                b ->
                        b.tableName(tables.reports())
                                .key(
                                        Map.of(
                                                "pk",
                                                AttributeValue.fromS(
                                                        Keys.revenueMonth(
                                                                victim.caliber().name(),
                                                                YearMonth.from(victim.date())
                                                                        .toString())),
                                                "sk",
                                                AttributeValue.fromS(
                                                        RevenueGroup.of(victim).sortKey())))
                                .updateExpression("ADD amountFen :one")
                                .expressionAttributeValues(
                                        Map.of(":one", AttributeValue.fromN("1"))));
        ReconciliationReport tampered = services.reports().reconciler().reconcile(months);
        System.out.printf(
                "after tampering %s %s: %d drift(s): %s%n",
                YearMonth.from(victim.date()),
                RevenueGroup.of(victim),
                tampered.drifts().size(),
                tampered.drifts().isEmpty() ? "-" : tampered.drifts().get(0).describe());

        timeQueries(engine.handler(), samples, contractCount);
    }

    private static void timeQueries(
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
            int samples,
            int contractCount) {
        Map<String, Map<String, Object>> questions = new LinkedHashMap<>();
        questions.put(
                "year by month, 4 calibers",
                question(
                        "2026-01-01T00:00:00+08:00",
                        "2027-01-01T00:00:00+08:00",
                        List.of("MONTH")));
        questions.put(
                "cut quarter by month+region",
                question(
                        "2026-02-15T00:00:00+08:00",
                        "2026-05-15T00:00:00+08:00",
                        List.of("MONTH", "REGION")));
        questions.put(
                "year by owner",
                question(
                        "2026-01-01T00:00:00+08:00",
                        "2027-01-01T00:00:00+08:00",
                        List.of("OWNER")));
        System.out.println();
        for (Map.Entry<String, Map<String, Object>> question : questions.entrySet()) {
            long[] nanos = new long[samples];
            for (int i = 0; i < samples; i++) {
                BenchHandler.call(handler, REVENUE_QUERY, question.getValue());
            }
            for (int i = 0; i < samples; i++) {
                long start = System.nanoTime();
                BenchHandler.call(handler, REVENUE_QUERY, question.getValue());
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf(
                    "revenue(%-28s) p50 %8.2f ms  p95 %8.2f ms  (%d samples, %,d contracts)%n",
                    question.getKey(),
                    nanos[samples / 2] / 1e6,
                    nanos[(int) Math.ceil(samples * 0.95) - 1] / 1e6,
                    samples,
                    contractCount);
        }
    }

    private static Map<String, Object> question(String from, String to, List<String> groupBy) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("from", from);
        variables.put("to", to);
        variables.put("groupBy", groupBy);
        variables.put("calibers", List.of("SIGNED", "SHIPPED", "INVOICED", "COLLECTED"));
        return variables;
    }

    /** Seeded contracts over the year: a signing, then partial events and sometimes reversals. */
    private static List<MoneyFact> randomFacts(int contracts, Random random) {
        List<MoneyFact> facts = new ArrayList<>();
        for (int c = 0; c < contracts; c++) {
            String contract = "bench-contract-" + c;
            int owner = random.nextInt(OWNERS);
            long amount = 100_000L + random.nextInt(20_000_000);
            LocalDate signed = LocalDate.of(YEAR, 1, 1).plusDays(random.nextInt(330));
            List<MoneyFact> own = new ArrayList<>();
            own.add(fact(contract, owner, own.size(), FactKind.SIGNING, signed, amount));
            if (random.nextInt(20) == 0) {
                own.add(
                        fact(
                                contract,
                                owner,
                                own.size(),
                                FactKind.VOIDING,
                                later(signed, random),
                                -amount));
                facts.addAll(own);
                continue;
            }
            for (FactKind[] kinds :
                    new FactKind[][] {
                        {FactKind.SHIPMENT, FactKind.RETURN},
                        {FactKind.INVOICE, FactKind.CREDIT_NOTE},
                        {FactKind.PAYMENT, FactKind.REFUND}
                    }) {
                long left = amount;
                int events = random.nextInt(4);
                for (int i = 0; i < events && left > 0; i++) {
                    long part = i == events - 1 ? left : 1 + (long) (random.nextDouble() * left);
                    own.add(
                            fact(
                                    contract,
                                    owner,
                                    own.size(),
                                    kinds[0],
                                    later(signed, random),
                                    part));
                    left -= part;
                }
                if (left < amount && random.nextInt(12) == 0) {
                    long back = 1 + (long) (random.nextDouble() * (amount - left));
                    own.add(
                            fact(
                                    contract,
                                    owner,
                                    own.size(),
                                    kinds[1],
                                    later(signed, random),
                                    -back));
                }
            }
            facts.addAll(own);
        }
        return facts;
    }

    private static LocalDate later(LocalDate date, Random random) {
        LocalDate later = date.plusDays(random.nextInt(60));
        LocalDate last = LocalDate.of(YEAR, 12, 31);
        return later.isAfter(last) ? last : later;
    }

    private static MoneyFact fact(
            String contract, int owner, int index, FactKind kind, LocalDate date, long fen) {
        return MoneyFact.builder()
                .factId(contract + "-f" + index)
                .contractId(contract)
                .contractNumber("HT-" + contract)
                .customerId("bench-customer-" + contract.hashCode() % 3000)
                .ownerId("bench-rep-" + owner)
                .team("bench-team-" + owner % 10)
                .region(owner % 2 == 0 ? "east" : "south")
                .kind(kind)
                .date(date)
                .amountFen(fen)
                .taxFen(fen * 13 / 113)
                .contractVersion(index + 1L)
                .recordedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .actorId("bench-rep-" + owner)
                .build();
    }

    /** Batches of 25, four writers. */
    private static void write(DynamoDbClient dynamo, TableNames tables, List<MoneyFact> facts)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int from = 0; from < facts.size(); from += 25) {
                List<MoneyFact> chunk = facts.subList(from, Math.min(facts.size(), from + 25));
                writes.add(pool.submit(() -> writeBatch(dynamo, tables.contracts(), chunk)));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void writeBatch(DynamoDbClient dynamo, String table, List<MoneyFact> chunk) {
        Map<String, List<WriteRequest>> pending =
                Map.of(
                        table,
                        chunk.stream()
                                .map(
                                        fact ->
                                                WriteRequest.builder()
                                                        .putRequest(
                                                                PutRequest.builder()
                                                                        .item(
                                                                                FACTS.itemToMap(
                                                                                        MoneyFactItem
                                                                                                .from(
                                                                                                        fact),
                                                                                        true))
                                                                        .build())
                                                        .build())
                                .toList());
        while (!pending.isEmpty()) {
            Map<String, List<WriteRequest>> asked = pending;
            var response = dynamo.batchWriteItem(b -> b.requestItems(asked));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    private static List<Record> streamOf(DynamoDbStreamsClient streams, String table) {
        String arn = streams.listStreams(b -> b.tableName(table)).streams().get(0).streamArn();
        List<Record> records = new ArrayList<>();
        for (Shard shard :
                streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
            String iterator =
                    streams.getShardIterator(
                                    b ->
                                            b.streamArn(arn)
                                                    .shardId(shard.shardId())
                                                    .shardIteratorType(
                                                            ShardIteratorType.TRIM_HORIZON))
                            .shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(current));
                records.addAll(response.records());
                iterator = response.records().isEmpty() ? null : response.nextShardIterator();
            }
        }
        return records;
    }

    /**
     * Batches of 100 on four workers; a quarter crash after some records and come again from the
     * failed record or whole, a third come twice. Returns deliveries and crashes.
     */
    private static int[] deliver(List<Record> records, Consumer<Record> handler) throws Exception {
        Random random = new Random(21L);
        List<Runnable> batches = new ArrayList<>();
        int[] counts = new int[2];
        for (int from = 0; from < records.size(); from += BATCH) {
            List<Record> batch = records.subList(from, Math.min(records.size(), from + BATCH));
            int crashAfter = random.nextInt(4) == 0 ? random.nextInt(batch.size()) : -1;
            int restart = random.nextBoolean() ? 0 : Math.max(crashAfter, 0);
            int times = random.nextInt(3) == 0 ? 2 : 1;
            counts[0] +=
                    (crashAfter + 1) + times * (batch.size() - (crashAfter >= 0 ? restart : 0));
            counts[1] += crashAfter >= 0 ? 1 : 0;
            batches.add(
                    () -> {
                        for (int i = 0; i <= crashAfter; i++) {
                            handler.accept(batch.get(i));
                        }
                        List<Record> again =
                                crashAfter >= 0 ? batch.subList(restart, batch.size()) : batch;
                        for (int t = 0; t < times; t++) {
                            again.forEach(handler);
                        }
                    });
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            batches.forEach(batch -> runs.add(pool.submit(batch)));
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdown();
        }
        return counts;
    }

    private static Map<RevenueGroup, Totals> recount(
            List<MoneyFact> facts, Caliber caliber, YearMonth month) {
        Map<RevenueGroup, Totals> totals = new HashMap<>();
        facts.stream()
                .filter(f -> f.caliber() == caliber && YearMonth.from(f.date()).equals(month))
                .forEach(
                        f ->
                                totals.merge(
                                        RevenueGroup.of(f),
                                        new Totals(f.amountFen(), f.taxFen(), 1),
                                        Totals::plus));
        return totals;
    }

    private static Map<DayGroup, Totals> dailyRecount(
            List<MoneyFact> facts, Caliber caliber, YearMonth month) {
        Map<DayGroup, Totals> totals = new HashMap<>();
        facts.stream()
                .filter(f -> f.caliber() == caliber && YearMonth.from(f.date()).equals(month))
                .forEach(
                        f ->
                                totals.merge(
                                        new DayGroup(f.date(), RevenueGroup.of(f)),
                                        new Totals(f.amountFen(), f.taxFen(), 1),
                                        Totals::plus));
        return totals;
    }
}
