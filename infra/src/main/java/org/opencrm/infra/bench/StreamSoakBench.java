package org.opencrm.infra.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.audit.AuditEntry;
import org.opencrm.core.audit.AuditStore;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.intake.IntakeOutcome;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.user.UserInput;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.streams.StreamFaults;

/**
 * A stream soak: the local cloud's stream pollers report 10 % of invocations failed after the
 * function ran and deliver 10 % of batches twice, while N changes (default 10,000) happen: half
 * customers created and updated four times, half leads taken in through intake and assigned by the
 * lead stream to reps whose team robot is a webhook on loopback. Then every stream function must
 * have ended where it would without faults: one audit row for each version of every customer and
 * lead, and each lead's assignment notification sent to the robot exactly once. Prints the changes,
 * the faults injected, rows by count per version, deliveries, the wall times; exits 1 when any
 * check fails or the streams did not settle in time.
 *
 * <pre>
 * java -Xmx3g -cp infra/target/crm-local.jar org.opencrm.infra.bench.StreamSoakBench [changes] [--failures=0.10] [--duplicates=0.10] [--seed=18] [--max-minutes=30]
 * </pre>
 */
public final class StreamSoakBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CUSTOMER_UPDATES = 4;
    private static final int REPS = 10;
    private static final int INGEST_BATCH = 50;

    private StreamSoakBench() {}

    public static void main(String[] args) {
        BenchExit.afterClosing(() -> measure(args));
    }

    private static void measure(String[] args) throws Exception {
        List<String> plain = Arrays.stream(args).filter(arg -> !arg.startsWith("--")).toList();
        int changes = plain.isEmpty() ? 10_000 : Integer.parseInt(plain.get(0));
        double failures = Double.parseDouble(flag(args, "--failures=").orElse("0.10"));
        double duplicates = Double.parseDouble(flag(args, "--duplicates=").orElse("0.10"));
        long seed = Long.parseLong(flag(args, "--seed=").orElse("18"));
        Duration limit =
                Duration.ofMinutes(Long.parseLong(flag(args, "--max-minutes=").orElse("30")));
        StreamFaults faults = StreamFaults.injected(failures, duplicates, seed);
        PrintStream report = System.out;
        // the functions' log lines (one per batch, and a warning per injected failure) go nowhere
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        boolean passed;
        try (LocalCloud cloud =
                        LocalCloud.start(
                                LocalCloudOptions.forTests(
                                                Path.of("template.yaml").toAbsolutePath())
                                        .withStreamFaults(faults),
                                new PrintStream(OutputStream.nullOutputStream()));
                Robot robot = Robot.start()) {
            report.printf(
                    Locale.ROOT,
                    "stream faults: %.0f %% of invocations failed after the function ran, %.0f %%"
                            + " of batches delivered twice (seed %d)%n",
                    failures * 100,
                    duplicates * 100,
                    seed);
            passed = new Soak(cloud, robot, report).run(changes, limit, faults);
        } finally {
            System.setOut(report);
        }
        if (!passed) {
            throw new IllegalStateException("the stream soak found missing or repeated work");
        }
    }

    private static Optional<String> flag(String[] args, String prefix) {
        return Arrays.stream(args)
                .filter(arg -> arg.startsWith(prefix))
                .map(arg -> arg.substring(prefix.length()))
                .findFirst();
    }

    /** One soak over a started cloud. */
    private static final class Soak {
        private final Robot robot;
        private final PrintStream report;
        private final CoreServices services;
        private final AuditStore audit;
        private final Caller admin;
        private final String region = "soak" + UUID.randomUUID().toString().substring(0, 6);

        Soak(LocalCloud cloud, Robot robot, PrintStream report) {
            this.robot = robot;
            this.report = report;
            this.services = cloud.services();
            this.audit = new AuditStore(DynamoClients.enhanced(cloud.dynamo()), cloud.tableNames());
            this.admin = DemoOrg.ADMIN.caller("soak-admin");
        }

        boolean run(int changes, Duration limit, StreamFaults faults) throws Exception {
            int customerCount = changes / 2 / (CUSTOMER_UPDATES + 1);
            int leadCount = changes / 2 / 2;
            String team = "t" + region;
            for (int i = 1; i <= REPS; i++) {
                services.users()
                        .create(
                                new UserInput(
                                        region + "-rep-" + i,
                                        "Soak Rep " + i,
                                        null,
                                        "SALES_REP",
                                        region,
                                        team,
                                        null,
                                        null,
                                        leadCount),
                                admin);
            }
            services.config()
                    .set(
                            "notifications",
                            services.config().get("notifications").version(),
                            JSON.valueToTree(
                                    Map.of(
                                            "robots",
                                            Map.of(
                                                    "team:" + team,
                                                    Map.of(
                                                            "type",
                                                            "WEBHOOK",
                                                            "url",
                                                            robot.url(),
                                                            "secret",
                                                            "soak-secret")))),
                            "stream soak: the team's robot is a loopback webhook",
                            admin);
            Instant started = Instant.now();
            List<String> leads = ingestLeads(leadCount);
            List<Customer> customers = new ArrayList<>();
            for (int i = 0; i < customerCount; i++) {
                customers.add(createAndUpdate(i));
            }
            double writeSeconds = secondsSince(started);
            report.printf(
                    Locale.ROOT,
                    "wrote %d customers (%d versions each) and %d leads in %.0f s%n",
                    customerCount,
                    CUSTOMER_UPDATES + 1,
                    leads.size(),
                    writeSeconds);
            Instant settling = Instant.now();
            Check check = check(customers, leads);
            while (!check.settled() && Instant.now().isBefore(started.plus(limit))) {
                Thread.sleep(2_000);
                check = check(customers, leads);
            }
            report.printf(
                    Locale.ROOT,
                    "settled %.0f s after the last write (%s)%n",
                    secondsSince(settling),
                    check.settled() ? "every check met" : "gave up at --max-minutes");
            report.printf(
                    Locale.ROOT,
                    "changes: %d (customers %d, leads %d); faults injected: %d failures after the"
                            + " function ran, %d duplicate deliveries%n",
                    check.customerVersions() + check.leadVersions(),
                    check.customerVersions(),
                    check.leadVersions(),
                    faults.failures(),
                    faults.duplicates());
            report.printf(
                    Locale.ROOT,
                    "audit rows per version: customers %s, leads %s (want {1=all})%n",
                    check.customerRows(),
                    check.leadRows());
            report.printf(
                    Locale.ROOT,
                    "leads assigned %d of %d; robot deliveries %d, distinct notifications %d,"
                            + " delivered more than once %d%n",
                    check.assigned(),
                    leads.size(),
                    robot.deliveries(),
                    robot.distinct(),
                    robot.repeated());
            return check.settled();
        }

        private List<String> ingestLeads(int count) {
            List<String> leadIds = new ArrayList<>();
            for (int from = 0; from < count; from += INGEST_BATCH) {
                List<JsonNode> records = new ArrayList<>();
                for (int i = from; i < Math.min(count, from + INGEST_BATCH); i++) {
                    records.add(
                            JSON.valueToTree(
                                    Map.of(
                                            "tel",
                                            mobile(),
                                            "name",
                                            "Soak lead " + i,
                                            "city",
                                            region)));
                }
                for (IntakeOutcome outcome : services.intake().ingest("website", records, admin)) {
                    if (outcome.leadId() == null) {
                        throw new IllegalStateException("a soak lead was not taken: " + outcome);
                    }
                    leadIds.add(outcome.leadId());
                }
            }
            return leadIds;
        }

        private Customer createAndUpdate(int index) {
            Caller rep =
                    Caller.builder()
                            .userId(region + "-rep-1")
                            .role(Role.SALES_REP)
                            .region(region)
                            .team("t" + region)
                            .requestId("soak-" + index)
                            .sourceIp("127.0.0.1")
                            .build();
            Customer customer =
                    services.customers()
                            .create(
                                    CustomerInput.builder()
                                            .name("Soak " + index)
                                            .phone(mobile())
                                            .build(),
                                    rep);
            for (int version = 1; version <= CUSTOMER_UPDATES; version++) {
                customer =
                        services.customers()
                                .update(
                                        customer.id(),
                                        version,
                                        CustomerInput.builder().remark("note " + version).build(),
                                        rep);
            }
            return customer;
        }

        /**
         * Where the streams stand: audit rows per version of every customer and lead (each lead at
         * its current version), the leads assigned, and whether every check is met.
         */
        private Check check(List<Customer> customers, List<String> leads) {
            Map<Integer, Integer> customerRows = new TreeMap<>();
            int customerVersions = 0;
            for (Customer customer : customers) {
                customerVersions += rowsPerVersion(customer.id(), customer.version(), customerRows);
            }
            Map<Integer, Integer> leadRows = new TreeMap<>();
            int leadVersions = 0;
            int assigned = 0;
            for (String leadId : leads) {
                Lead lead = services.leads().get(leadId, admin);
                leadVersions += rowsPerVersion(leadId, lead.version(), leadRows);
                assigned += lead.status() == LeadStatus.ASSIGNED ? 1 : 0;
            }
            boolean settled =
                    customerRows.keySet().equals(java.util.Set.of(1))
                            && leadRows.keySet().equals(java.util.Set.of(1))
                            && assigned == leads.size()
                            && robot.distinct() == leads.size()
                            && robot.repeated() == 0;
            return new Check(
                    customerVersions, leadVersions, customerRows, leadRows, assigned, settled);
        }

        /** Adds how many audit rows each version 1..current has; returns the version count. */
        private int rowsPerVersion(String entityId, long current, Map<Integer, Integer> counts) {
            Map<Long, Integer> rows = new TreeMap<>();
            for (long version = 1; version <= current; version++) {
                rows.put(version, 0);
            }
            for (AuditEntry entry :
                    audit.trail(entityId, PageRequest.of(100, null)).entries().stream()
                            .map(edge -> edge.item())
                            .toList()) {
                rows.merge(entry.version(), 1, Integer::sum);
            }
            rows.values().forEach(count -> counts.merge(count, 1, Integer::sum));
            return (int) current;
        }

        private static String mobile() {
            long digits = Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 100_000_000L);
            return String.format(Locale.ROOT, "137%08d", digits);
        }
    }

    /** What a look at the streams' results found. */
    private record Check(
            int customerVersions,
            int leadVersions,
            Map<Integer, Integer> customerRows,
            Map<Integer, Integer> leadRows,
            int assigned,
            boolean settled) {}

    /**
     * The team's robot: a webhook on loopback that takes every message (200) and counts them by
     * notification id (the message's {@code id}).
     */
    private static final class Robot implements AutoCloseable {
        private final HttpServer server;
        private final Map<String, AtomicInteger> byNotification = new ConcurrentHashMap<>();
        private final AtomicInteger deliveries = new AtomicInteger();

        private Robot(HttpServer server) {
            this.server = server;
        }

        static Robot start() throws IOException {
            HttpServer server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            Robot robot = new Robot(server);
            server.createContext(
                    "/",
                    exchange -> {
                        try (exchange;
                                InputStream body = exchange.getRequestBody()) {
                            robot.received(JSON.readTree(body));
                            byte[] ok = "{}".getBytes(StandardCharsets.UTF_8);
                            exchange.sendResponseHeaders(200, ok.length);
                            exchange.getResponseBody().write(ok);
                        }
                    });
            server.start();
            return robot;
        }

        private void received(JsonNode message) {
            deliveries.incrementAndGet();
            byNotification
                    .computeIfAbsent(message.path("id").asText(), id -> new AtomicInteger())
                    .incrementAndGet();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/robot";
        }

        int deliveries() {
            return deliveries.get();
        }

        int distinct() {
            return byNotification.size();
        }

        long repeated() {
            return byNotification.values().stream().filter(count -> count.get() > 1).count();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static double secondsSince(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }
}
