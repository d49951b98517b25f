package org.opencrm.infra.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.auth.DemoOrg.DemoUser;
import org.opencrm.infra.auth.DevTokens;

/**
 * Load on the local cloud: N connections (default 32), each a sales rep of its own, send mixed
 * reads and writes back to back for a duration (default 60 s) after a warm-up, over real HTTP. 70 %
 * reads (customer by id, the customer list, search, a customer's timeline), 30 % writes
 * (createCustomer, logActivity, updateCustomer with expectedVersion). Each connection writes only
 * its own customers, and updates only customers nothing else writes, with the version it was last
 * given: a conflict cannot happen, so any non-200 answer or GraphQL error counts as an error.
 * Prints the users, the requests, errors by code, and p50/p99 overall and per operation; exits 1
 * when there was any error.
 *
 * <pre>
 * java -cp infra/target/crm-local.jar org.opencrm.infra.bench.LoadBench [connections] [seconds] [--warm-up=S] [--url=http://127.0.0.1:8080]
 * </pre>
 *
 * Without {@code --url} it starts a local cloud in memory in this JVM (client and server then share
 * the machine, as they do against {@code serve}); the functions' JSON log lines are discarded. With
 * {@code --url} it drives a running {@code serve} (any stage: tokens are signed as the {@code
 * token} command signs them). Users are {@code load-rep-NN}, created by the demo admin: one per
 * connection, so a per-user rate limit sees each connection alone.
 */
public final class LoadBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OWN_CUSTOMERS = 4;
    private static final String CREATE =
            "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id version } }";
    private static final String UPDATE =
            "mutation($id: ID!, $v: Int!, $in: UpdateCustomerInput!) {"
                    + " updateCustomer(id: $id, expectedVersion: $v, input: $in) { id version } }";
    private static final String GET =
            "query($id: ID!) { customer(id: $id) { id version name phone stage ownerId createdAt } }";
    private static final String LIST =
            "{ customers(first: 20) { edges { cursor node { id name phone stage ownerId } }"
                    + " pageInfo { hasNextPage endCursor } } }";
    private static final String SEARCH =
            "query($text: String!) { search(text: $text, first: 10) { edges { node { type id title"
                    + " } } } }";
    private static final String TIMELINE =
            "query($id: ID!) { customer(id: $id) { id timeline(first: 10) { edges { node { at kind"
                    + " title } } } } }";
    private static final String LOG_ACTIVITY =
            "mutation($in: ActivityInput!) { logActivity(input: $in) { id } }";

    /** The mix, in percent of requests. */
    private enum Operation {
        GET_CUSTOMER(25),
        LIST_CUSTOMERS(20),
        SEARCH(10),
        TIMELINE(15),
        CREATE_CUSTOMER(10),
        LOG_ACTIVITY(10),
        UPDATE_CUSTOMER(10);

        final int percent;

        Operation(int percent) {
            this.percent = percent;
        }

        static Operation pick(Random random) {
            int roll = random.nextInt(100);
            for (Operation operation : values()) {
                roll -= operation.percent;
                if (roll < 0) {
                    return operation;
                }
            }
            throw new IllegalStateException("the mix does not add up to 100");
        }
    }

    /** What one request gave: its time, and the error code if it failed. */
    private record Outcome(long nanos, Optional<String> error) {}

    /** Everything measured, shared by the connections. */
    private static final class Tally {
        final Map<Operation, List<Long>> nanos = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        final Map<String, String> firstError = new ConcurrentHashMap<>();

        void add(Operation operation, Outcome outcome) {
            nanos.computeIfAbsent(
                            operation,
                            o -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(outcome.nanos());
            outcome.error()
                    .ifPresent(
                            code ->
                                    errors.computeIfAbsent(
                                                    operation + " " + code.split(":", 2)[0],
                                                    c -> new AtomicLong())
                                            .incrementAndGet());
            outcome.error().ifPresent(code -> firstError.putIfAbsent(operation.name(), code));
        }
    }

    private LoadBench() {}

    public static void main(String[] args) {
        BenchExit.afterClosing(() -> measure(args));
    }

    private static void measure(String[] args) throws Exception {
        List<String> plain = Arrays.stream(args).filter(arg -> !arg.startsWith("--")).toList();
        int connections = plain.size() > 0 ? Integer.parseInt(plain.get(0)) : 32;
        Duration duration =
                Duration.ofSeconds(plain.size() > 1 ? Long.parseLong(plain.get(1)) : 60);
        Duration warmUp = Duration.ofSeconds(Long.parseLong(flag(args, "--warm-up=").orElse("10")));
        Optional<URI> url = flag(args, "--url=").map(URI::create);
        PrintStream report = System.out;
        if (url.isPresent()) {
            run(url.get(), connections, warmUp, duration, report);
            return;
        }
        // the functions' log lines (one per request) would drown the report
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try (LocalCloud cloud =
                LocalCloud.start(
                        LocalCloudOptions.forTests(Path.of("template.yaml").toAbsolutePath()),
                        new PrintStream(OutputStream.nullOutputStream()))) {
            run(URI.create(cloud.baseUrl()), connections, warmUp, duration, report);
        } finally {
            System.setOut(report);
        }
    }

    private static Optional<String> flag(String[] args, String prefix) {
        return Arrays.stream(args)
                .filter(arg -> arg.startsWith(prefix))
                .map(arg -> arg.substring(prefix.length()))
                .findFirst();
    }

    private static void run(
            URI base, int connections, Duration warmUp, Duration duration, PrintStream report)
            throws Exception {
        URI graphql = base.resolve("/graphql");
        DevTokens tokens = DevTokens.fromEnvironment(AppClock.SHARED);
        List<Connection> workers = new ArrayList<>();
        long runId = ThreadLocalRandom.current().nextLong(1_000_000L);
        for (int i = 1; i <= connections; i++) {
            DemoUser user = loadUser(i);
            createUser(graphql, tokens.mint(DemoOrg.ADMIN), user);
            workers.add(new Connection(i, user.id(), tokens.mint(user), graphql, runId));
        }
        report.printf(
                Locale.ROOT,
                "%s: %d connections as %s .. %s (SALES_REP, one each), warm-up %d s, run %d s%n",
                base,
                connections,
                workers.get(0).userId,
                workers.get(workers.size() - 1).userId,
                warmUp.toSeconds(),
                duration.toSeconds());
        for (Connection worker : workers) {
            worker.seed();
        }
        Tally warm = drive(workers, warmUp);
        report.printf(
                Locale.ROOT, "warm-up: %d requests, %d errors%n", count(warm), errorCount(warm));
        Tally measured = drive(workers, duration);
        print(measured, duration, report);
        long errors = errorCount(measured);
        if (errors > 0) {
            throw new IllegalStateException(errors + " errors under load");
        }
    }

    private static DemoUser loadUser(int index) {
        String id = String.format(Locale.ROOT, "load-rep-%02d", index);
        return new DemoUser(
                id,
                "Load Rep " + index,
                "SALES_REP",
                Optional.of("east"),
                Optional.of("east-a"),
                Optional.empty());
    }

    private static void createUser(URI graphql, String adminToken, DemoUser user) throws Exception {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("id", user.id());
        input.put("name", user.displayName());
        input.put("role", user.role());
        input.put("region", user.region().orElseThrow());
        input.put("team", user.team().orElseThrow());
        JsonNode answer =
                BenchGraphql.postRaw(
                        HttpClient.newHttpClient(),
                        graphql,
                        adminToken,
                        "mutation($in: UserInput!) { createUser(input: $in) { id } }",
                        Map.of("in", input));
        // a rerun against the same cloud finds its users there
        boolean exists = answer.path("errors").findValuesAsText("code").contains("DUPLICATE");
        if (answer.has("errors") && !exists) {
            throw new IllegalStateException("createUser " + user.id() + ": " + answer);
        }
    }

    private static Tally drive(List<Connection> workers, Duration duration) throws Exception {
        Tally tally = new Tally();
        long until = System.nanoTime() + duration.toNanos();
        ExecutorService threads = Executors.newFixedThreadPool(workers.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Connection worker : workers) {
                running.add(
                        threads.submit(
                                () -> {
                                    while (System.nanoTime() < until) {
                                        worker.once(tally);
                                    }
                                    return null;
                                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return tally;
    }

    private static long count(Tally tally) {
        return tally.nanos.values().stream().mapToLong(List::size).sum();
    }

    private static long errorCount(Tally tally) {
        return tally.errors.values().stream().mapToLong(AtomicLong::get).sum();
    }

    private static void print(Tally tally, Duration duration, PrintStream report) {
        long requests = count(tally);
        long[] all =
                tally.nanos.values().stream()
                        .flatMap(List::stream)
                        .mapToLong(Long::longValue)
                        .sorted()
                        .toArray();
        report.printf(
                Locale.ROOT,
                "run: %d requests in %d s (%.0f/s), %d errors; latency p50 %.1f ms, p99 %.1f ms%n",
                requests,
                duration.toSeconds(),
                requests / (double) duration.toSeconds(),
                errorCount(tally),
                percentile(all, 50),
                percentile(all, 99));
        for (Operation operation : Operation.values()) {
            long[] nanos =
                    tally.nanos.getOrDefault(operation, List.of()).stream()
                            .mapToLong(Long::longValue)
                            .sorted()
                            .toArray();
            report.printf(
                    Locale.ROOT,
                    "  %-16s %6d requests  p50 %7.1f ms  p99 %7.1f ms%n",
                    operation,
                    nanos.length,
                    percentile(nanos, 50),
                    percentile(nanos, 99));
        }
        tally.errors.forEach(
                (kind, count) -> report.printf(Locale.ROOT, "  error %s: %d%n", kind, count.get()));
        tally.firstError.forEach(
                (operation, first) -> report.printf("  first %s error: %s%n", operation, first));
    }

    private static double percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    /** One connection: one user, one HTTP client, its own customers and their versions. */
    private static final class Connection {
        private final int index;
        private final String userId;
        private final String token;
        private final URI graphql;
        private final long runId;
        private final HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final Random random;
        // customers only this connection updates, with the version it was last given
        private final Map<String, Long> updated = new LinkedHashMap<>();
        // customers this connection reads and logs activities on
        private final List<String> visited = new ArrayList<>();
        private long created;

        Connection(int index, String userId, String token, URI graphql, long runId) {
            this.index = index;
            this.userId = userId;
            this.token = token;
            this.graphql = graphql;
            this.runId = runId;
            this.random = new Random(runId * 100 + index);
        }

        /** The customers it starts with: some to update, some to visit. */
        void seed() throws Exception {
            for (int i = 0; i < OWN_CUSTOMERS; i++) {
                JsonNode customer = create();
                String id = customer.path("id").asText();
                if (i % 2 == 0) {
                    updated.put(id, customer.path("version").asLong());
                } else {
                    visited.add(id);
                }
            }
        }

        void once(Tally tally) {
            Operation operation = Operation.pick(random);
            long started = System.nanoTime();
            Optional<String> error;
            try {
                error = perform(operation);
            } catch (Exception failed) {
                error = Optional.of("EXCEPTION: " + failed);
            }
            tally.add(operation, new Outcome(System.nanoTime() - started, error));
        }

        private Optional<String> perform(Operation operation) throws Exception {
            return switch (operation) {
                case GET_CUSTOMER -> check(call(GET, Map.of("id", anyCustomer())));
                case LIST_CUSTOMERS -> check(call(LIST, Map.of()));
                case SEARCH -> check(call(SEARCH, Map.of("text", "Load " + index)));
                case TIMELINE -> check(call(TIMELINE, Map.of("id", anyVisited())));
                case CREATE_CUSTOMER -> createOne();
                case LOG_ACTIVITY -> check(call(LOG_ACTIVITY, Map.of("in", activity())));
                case UPDATE_CUSTOMER -> updateOne();
            };
        }

        private Optional<String> createOne() throws Exception {
            JsonNode answer = call(CREATE, Map.of("in", newCustomer()));
            Optional<String> error = check(answer);
            if (error.isEmpty()) {
                visited.add(answer.at("/data/createCustomer/id").asText());
            }
            return error;
        }

        private Optional<String> updateOne() throws Exception {
            List<String> ids = new ArrayList<>(updated.keySet());
            String id = ids.get(random.nextInt(ids.size()));
            JsonNode answer =
                    call(
                            UPDATE,
                            Map.of(
                                    "id",
                                    id,
                                    "v",
                                    updated.get(id),
                                    "in",
                                    Map.of("remark", "load " + System.nanoTime())));
            Optional<String> error = check(answer);
            if (error.isEmpty()) {
                updated.put(id, answer.at("/data/updateCustomer/version").asLong());
            }
            return error;
        }

        private JsonNode create() throws Exception {
            JsonNode answer = call(CREATE, Map.of("in", newCustomer()));
            Optional<String> error = check(answer);
            if (error.isPresent()) {
                throw new IllegalStateException("seeding " + userId + ": " + error.get());
            }
            return answer.at("/data/createCustomer");
        }

        private Map<String, Object> newCustomer() {
            created++;
            // 11-digit mainland mobiles, unique per run, connection and customer
            String phone =
                    String.format(
                            Locale.ROOT, "15%02d%07d", index % 100, (runId + created) % 10_000_000);
            return Map.of("name", "Load " + index + " customer " + created, "phone", phone);
        }

        private Map<String, Object> activity() {
            return Map.of(
                    "customerId", anyVisited(), "kind", "CALL", "body", "load call " + created);
        }

        private String anyCustomer() {
            return random.nextBoolean() ? anyVisited() : anyUpdated();
        }

        private String anyVisited() {
            return visited.get(random.nextInt(visited.size()));
        }

        private String anyUpdated() {
            List<String> ids = new ArrayList<>(updated.keySet());
            return ids.get(random.nextInt(ids.size()));
        }

        private JsonNode call(String query, Map<String, Object> variables) throws Exception {
            HttpResponse<String> response =
                    BenchGraphql.send(
                            http, graphql, token, query, variables, Duration.ofSeconds(30));
            if (response.statusCode() != 200) {
                return JSON.createObjectNode()
                        .put("httpStatus", response.statusCode())
                        .put("body", response.body());
            }
            return JSON.readTree(response.body());
        }

        /** Empty when the answer is a clean 200; else its error code and message. */
        private static Optional<String> check(JsonNode answer) {
            if (answer.has("httpStatus")) {
                return Optional.of(
                        "HTTP_" + answer.path("httpStatus").asInt() + ": " + answer.path("body"));
            }
            JsonNode errors = answer.path("errors");
            if (errors.isMissingNode() || errors.isEmpty()) {
                return Optional.empty();
            }
            JsonNode first = errors.get(0);
            return Optional.of(
                    first.at("/extensions/code").asText("NO_CODE")
                            + ": "
                            + first.path("message").asText());
        }
    }
}
