package org.opencrm.infra.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.audit.AuditEntry;
import org.opencrm.core.audit.AuditStore;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.infra.LocalCloud;
import org.opencrm.template.TableProvisioner;
import org.opencrm.template.TableSpec;

/**
 * The audit fault scenario on a running local cloud: the audit table refuses every write for
 * two simulated hours while customers are created and updated, then comes back; the audit stream
 * function must end with exactly one row per version of every changed customer.
 *
 * <p>The outage is real: the audit table is deleted, so the audit function's own SDK client gets
 * DynamoDB's {@code ResourceNotFoundException} from DynamoDB Local, as it would get an error from
 * an unreachable or refusing table in AWS; nothing of ours is replaced. The simulated clock moves
 * 30 minutes after each quarter of the changes, so the first changes are two hours old when the
 * table returns: past the old one-hour MaximumRecordAgeInSeconds.
 */
public final class AuditOutage {

    public static final Duration TWO_HOURS = Duration.ofHours(2);
    private static final int STEPS = 4;

    /** Several stream poll intervals (250 ms). */
    private static final Duration SETTLE = Duration.ofSeconds(1);

    /**
     * Longer than AuditRedriveQueue's visibility timeout (360 s): advanced once the table is back,
     * so a re-drive that failed during the outage is delivered again.
     */
    private static final Duration REDELIVERY = Duration.ofMinutes(7);

    /**
     * One run.
     *
     * @param customers customers created during the outage
     * @param updatesEach updates of each, so {@code customers * (updatesEach + 1)} changes
     * @param outage simulated time the audit table is gone, in four steps between the changes
     * @param catchUp wall time allowed, once the table is back, for the rows to arrive
     */
    public record Plan(int customers, int updatesEach, Duration outage, Duration catchUp) {}

    private static final String AUDIT_TABLE = "AuditTable";

    /**
     * What the run found.
     *
     * @param changes changes made during the outage
     * @param rowsByVersionCount how many (record, version) pairs have 0, 1, 2… audit rows
     * @param writeSeconds wall time of the changes
     * @param catchUpSeconds wall time from the table's return to the last row (or the give-up)
     */
    public record Result(
            int changes,
            Map<Integer, Integer> rowsByVersionCount,
            double writeSeconds,
            double catchUpSeconds) {

        /** Every version has exactly one row. */
        public boolean complete() {
            return rowsByVersionCount.keySet().equals(java.util.Set.of(1));
        }
    }

    private final LocalCloud cloud;
    private final CustomerService customers;
    private final AuditStore audit;
    private final HttpClient http =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    public AuditOutage(LocalCloud cloud) {
        this.cloud = cloud;
        CoreServices services = cloud.services();
        this.customers = services.customers();
        this.audit = new AuditStore(DynamoClients.enhanced(cloud.dynamo()), cloud.tableNames());
    }

    /** Runs the plan, then waits for the rows. */
    public Result run(Plan plan) throws Exception {
        return run(plan, () -> {});
    }

    /**
     * Runs the plan; {@code beforeTheTableReturns} runs at the end of the outage (a test's look at
     * what the outage left).
     */
    public Result run(Plan plan, Runnable beforeTheTableReturns) throws Exception {
        int customerCount = plan.customers();
        int updatesEach = plan.updatesEach();
        TableSpec auditTable = cloud.tableSpec(AUDIT_TABLE);
        cloud.dynamo().deleteTable(b -> b.tableName(auditTable.tableName()));
        Instant writeStart = Instant.now();
        List<Customer> changed = new ArrayList<>();
        int perStep = (customerCount + STEPS - 1) / STEPS;
        for (int step = 0; step < STEPS; step++) {
            int from = step * perStep;
            int to = Math.min(customerCount, from + perStep);
            for (int i = from; i < to; i++) {
                changed.add(createAndUpdate(updatesEach));
            }
            settle();
            advanceClock(plan.outage().dividedBy(STEPS));
        }
        double writeSeconds = secondsSince(writeStart);
        beforeTheTableReturns.run();

        new TableProvisioner(cloud.dynamo()).ensure(List.of(auditTable));
        advanceClock(REDELIVERY);
        Instant back = Instant.now();
        Map<Integer, Integer> counts = rowsByVersionCount(changed, updatesEach);
        while (!counts.keySet().equals(java.util.Set.of(1))
                && Instant.now().isBefore(back.plus(plan.catchUp()))) {
            Thread.sleep(250);
            counts = rowsByVersionCount(changed, updatesEach);
        }
        return new Result(
                changed.size() * (updatesEach + 1), counts, writeSeconds, secondsSince(back));
    }

    private Customer createAndUpdate(int updates) {
        Caller rep =
                Caller.builder()
                        .userId("rep-outage-" + UUID.randomUUID())
                        .role(Role.SALES_REP)
                        .region("east")
                        .team("east-a")
                        .requestId("req-" + UUID.randomUUID())
                        .sourceIp("127.0.0.1")
                        .build();
        Customer customer =
                customers.create(
                        CustomerInput.builder().name("Outage").phone(uniqueMobile()).build(), rep);
        for (int version = 1; version <= updates; version++) {
            customer =
                    customers.update(
                            customer.id(),
                            version,
                            CustomerInput.builder().remark("note " + version).build(),
                            rep);
        }
        return customer;
    }

    /** For each (customer, version): its number of audit rows; counted how often each occurs. */
    private Map<Integer, Integer> rowsByVersionCount(List<Customer> changed, int updatesEach) {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (Customer customer : changed) {
            Map<Long, Integer> rowsByVersion = new TreeMap<>();
            for (long version = 1; version <= updatesEach + 1; version++) {
                rowsByVersion.put(version, 0);
            }
            for (AuditEntry entry : trail(customer.id())) {
                rowsByVersion.merge(entry.version(), 1, Integer::sum);
            }
            rowsByVersion.values().forEach(rows -> counts.merge(rows, 1, Integer::sum));
        }
        return counts;
    }

    private List<AuditEntry> trail(String entityId) {
        try {
            return audit.trail(entityId, PageRequest.of(100, null)).entries().stream()
                    .map(edge -> edge.item())
                    .toList();
        } catch (
                software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException
                        stillBeingCreated) {
            return List.of();
        }
    }

    private void advanceClock(Duration by) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                cloud.baseUrl() + "/_local/clock/advance?by=" + by))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("clock advance refused: " + response.body());
        }
    }

    /**
     * Lets the stream pollers read the step's records before the clock moves on: a record ages on
     * the local clock from when it is first read, so a step's records must be read before the next
     * half hour passes, as they would be within a second in AWS.
     */
    private static void settle() throws InterruptedException {
        Thread.sleep(SETTLE.toMillis());
    }

    private static String uniqueMobile() {
        long digits = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 100_000_000L);
        return String.format("139%08d", digits);
    }

    private static double secondsSince(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }
}
