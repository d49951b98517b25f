package org.opencrm.infra.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerBulkLoader;
import org.opencrm.core.customer.CustomerFields;
import org.opencrm.core.customer.CustomerStage;
import org.opencrm.core.intake.LeadChannels;
import org.opencrm.core.secrets.FileSecretSource;
import org.opencrm.core.store.PageRequest;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.graphql.CrmGraphql;
import org.opencrm.graphql.GraphqlRequest;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.aws.DynamoDbLocalServer;
import org.opencrm.infra.aws.LocalAws;
import org.opencrm.infra.demo.DemoOrgSeed;
import org.opencrm.template.SamTemplate;
import org.opencrm.template.TableProvisioner;
import org.opencrm.template.TableSpec;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

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
 * Default: 300 samples after as many warm-up runs. Run from the project root.
 */
public final class SyncStatusBench {

    static final String PAGE_QUERY =
            "{ customers(first: 100) { edges { node { id syncStatus { channel status attempts } } } } }";
    private static final int CUSTOMERS = 100;

    private SyncStatusBench() {}

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        SamTemplate template =
                SamTemplate.load(Path.of("template.yaml"), LocalAws.REGION, LocalAws.ACCOUNT_ID);
        DynamoCallTally tally = new DynamoCallTally();
        try (DynamoDbLocalServer engine = DynamoDbLocalServer.start(Optional.empty());
                DynamoDbClient dynamo = countedClient(engine, tally)) {
            run(template, dynamo, tally, samples);
        }
    }

    private static void run(
            SamTemplate template, DynamoDbClient dynamo, DynamoCallTally tally, int samples)
            throws Exception {
        List<TableSpec> specs = TableSpec.allIn(template);
        new TableProvisioner(dynamo).ensure(specs);
        TableNames tables = tableNames(specs);
        Clock clock = Clock.systemUTC();
        DemoOrgSeed.seed(dynamo, tables, clock);
        Path secrets =
                FileSecretSource.createDemo(
                        Files.createTempDirectory("crm-bench").resolve("secrets.json"),
                        LeadChannels.builtInChannelIds());
        CoreServices services =
                CoreServices.build(
                        dynamo, tables, clock, Duration.ZERO, FileSecretSource.load(secrets));
        seedHalfSigned(dynamo, tables, services);
        CrmGraphql graphql = CrmGraphql.build(services, "bench");
        Caller admin = new Caller(DemoOrg.ADMIN.id(), Role.ADMIN, null, null, "bench", "127.0.0.1");

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

    /**
     * 100 customers, every other one signed: its push written as the customers stream would have it
     * written, then tried once.
     */
    private static void seedHalfSigned(
            DynamoDbClient dynamo, TableNames tables, CoreServices services) {
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            CustomerStage stage = i % 2 == 0 ? CustomerStage.SIGNED : CustomerStage.NEW;
            CustomerFields fields =
                    new CustomerFields(
                            "Customer " + i,
                            String.format("+86139%08d", i),
                            null,
                            null,
                            stage,
                            null,
                            "east");
            customers.add(
                    new Customer(
                            UUID.randomUUID().toString(),
                            0,
                            fields,
                            "bench-rep",
                            base.plusSeconds(i),
                            base.plusSeconds(i),
                            false,
                            null));
        }
        new CustomerBulkLoader(dynamo, tables)
                .load(customers, new WriteStamp("bench", "bench-seed", "127.0.0.1", base));
        for (Customer customer : customers) {
            if (customer.fields().stage() != CustomerStage.SIGNED) {
                continue;
            }
            Map<String, AttributeValue> image =
                    dynamo.getItem(
                                    request ->
                                            request.tableName(tables.customers())
                                                    .key(
                                                            Map.of(
                                                                    "id",
                                                                    AttributeValue.fromS(
                                                                            customer.id()))))
                            .item();
            services.financeSync()
                    .onRecord(
                            Record.builder()
                                    .eventName(OperationType.INSERT)
                                    .dynamodb(StreamRecord.builder().newImage(image).build())
                                    .build());
            // the push is tried once, as the notifications stream would have it tried
            services.outbox()
                    .inbox("finance:" + customer.id(), false, PageRequest.of(1, null))
                    .entries()
                    .forEach(entry -> services.dispatcher().dispatch(entry.item().id()));
        }
    }

    static TableNames tableNames(List<TableSpec> specs) {
        Map<String, String> names = new java.util.HashMap<>();
        specs.forEach(spec -> names.put(spec.logicalId(), spec.tableName()));
        return TableNames.fromLogicalIds(names);
    }

    static DynamoDbClient countedClient(DynamoDbLocalServer engine, DynamoCallTally tally) {
        return DynamoDbClient.builder()
                .endpointOverride(engine.endpoint())
                .region(Region.of(LocalAws.REGION))
                .credentialsProvider(LocalAws.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(tally))
                .build();
    }
}
