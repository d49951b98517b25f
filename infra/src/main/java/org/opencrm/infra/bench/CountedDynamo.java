package org.opencrm.infra.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.contract.Contract;
import org.opencrm.core.contract.ContractInput;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerBulkLoader;
import org.opencrm.core.customer.CustomerFields;
import org.opencrm.core.customer.CustomerStage;
import org.opencrm.core.intake.LeadChannels;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.secrets.FileSecretSource;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.store.WriteStamp;
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
 * DynamoDB Local in server mode with template.yaml's tables, the demo org, and every service over
 * one real SDK client whose calls are counted ({@link #tally()}), for benches and tests that pin
 * what a request costs. Close it: the engine leaves non-daemon threads behind.
 */
public final class CountedDynamo implements AutoCloseable {

    private final DynamoDbLocalServer engine;
    private final DynamoDbClient dynamo;
    private final DynamoCallTally tally;
    private final TableNames tables;
    private final CoreServices services;

    private CountedDynamo(
            DynamoDbLocalServer engine,
            DynamoDbClient dynamo,
            DynamoCallTally tally,
            TableNames tables,
            CoreServices services) {
        this.engine = engine;
        this.dynamo = dynamo;
        this.tally = tally;
        this.tables = tables;
        this.services = services;
    }

    /** Starts an in-memory engine with the tables of {@code templateFile}. */
    public static CountedDynamo start(Path templateFile, Clock clock) throws Exception {
        SamTemplate template = SamTemplate.load(templateFile, LocalAws.REGION, LocalAws.ACCOUNT_ID);
        DynamoDbLocalServer engine = DynamoDbLocalServer.start(Optional.empty());
        DynamoCallTally tally = new DynamoCallTally();
        DynamoDbClient dynamo =
                DynamoDbClient.builder()
                        .endpointOverride(engine.endpoint())
                        .region(Region.of(LocalAws.REGION))
                        .credentialsProvider(LocalAws.credentials())
                        .httpClient(UrlConnectionHttpClient.create())
                        .overrideConfiguration(o -> o.addExecutionInterceptor(tally))
                        .build();
        List<TableSpec> specs = TableSpec.allIn(template);
        new TableProvisioner(dynamo).ensure(specs);
        Map<String, String> names = new HashMap<>();
        specs.forEach(spec -> names.put(spec.logicalId(), spec.tableName()));
        TableNames tables = TableNames.fromLogicalIds(names);
        DemoOrgSeed.seed(dynamo, tables, clock);
        Path secrets =
                FileSecretSource.createDemo(
                        Files.createTempDirectory("crm-counted").resolve("secrets.json"),
                        LeadChannels.builtInChannelIds());
        CoreServices services =
                CoreServices.build(
                        dynamo, tables, clock, Duration.ZERO, FileSecretSource.load(secrets));
        return new CountedDynamo(engine, dynamo, tally, tables, services);
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public DynamoCallTally tally() {
        return tally;
    }

    public TableNames tables() {
        return tables;
    }

    public CoreServices services() {
        return services;
    }

    /**
     * {@code count} customers, every other one (the first included) signed: its contract's push
     * written as the contracts stream would have it written, then tried once. Returns their ids,
     * signed first.
     */
    public List<String> seedHalfSignedCustomers(int count) {
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
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
        List<String> signedFirst = new ArrayList<>();
        for (Customer customer : customers) {
            if (customer.fields().stage() == CustomerStage.SIGNED) {
                signAndPush(customer.id());
                signedFirst.add(customer.id());
            }
        }
        customers.stream()
                .filter(customer -> customer.fields().stage() != CustomerStage.SIGNED)
                .forEach(customer -> signedFirst.add(customer.id()));
        return signedFirst;
    }

    /**
     * The customer's contract signed on paper, its signing pushed as the contracts stream would.
     */
    private void signAndPush(String customerId) {
        Contract contract =
                services.contracts()
                        .create(
                                ContractInput.builder()
                                        .number("BENCH-" + customerId)
                                        .customerId(customerId)
                                        .amount(100_000L)
                                        .taxRate("0.13")
                                        .signedAt(Instant.parse("2026-01-01T00:00:00Z"))
                                        .build(),
                                Caller.builder()
                                        .userId("bench-finance")
                                        .role(Role.FINANCE)
                                        .requestId("bench-seed")
                                        .sourceIp("127.0.0.1")
                                        .build());
        Map<String, AttributeValue> image =
                dynamo.getItem(
                                request ->
                                        request.tableName(tables.contracts())
                                                .key(
                                                        Map.of(
                                                                "id",
                                                                AttributeValue.fromS(
                                                                        contract.id()))))
                        .item();
        services.financeSync()
                .onRecord(
                        Record.builder()
                                .eventName(OperationType.INSERT)
                                .dynamodb(StreamRecord.builder().newImage(image).build())
                                .build());
        // the push is tried once, as the notifications stream would have it tried
        services.outbox()
                .inbox("finance:" + customerId, false, PageRequest.of(1, null))
                .entries()
                .forEach(entry -> services.dispatcher().dispatch(entry.item().id()));
    }

    @Override
    public void close() throws Exception {
        dynamo.close();
        engine.close();
    }
}
