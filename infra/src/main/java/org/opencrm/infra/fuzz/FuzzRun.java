package org.opencrm.infra.fuzz;

import graphql.schema.GraphQLSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.opencrm.infra.fuzz.FuzzCheck.Finding;

/**
 * A fuzz run against a running API: reads its schema, prepares targets, generates the requests from
 * the seed, sends them over real HTTP from a few threads and judges every answer. Shared by the CI
 * test (2,000 requests) and {@code FuzzBench} (as many as asked).
 */
public final class FuzzRun {

    /** Threads sending at once: enough to overlap waits, few enough for a 2-core runner. */
    public static final int THREADS = 4;

    /** Where to fuzz, and as whom. */
    public record Target(
            String baseUrl, String adminToken, String repToken, URI s3Endpoint, String bucket) {}

    /**
     * What a run found.
     *
     * @param seed the seed: the same seed and count make the same requests
     * @param requests how many were sent
     * @param elapsed from the first request to the last answer
     * @param tally the answers counted by family, status and error code, and the slowest
     * @param findings every broken rule, in request order
     */
    public record Report(
            long seed, int requests, Duration elapsed, FuzzTally tally, List<Finding> findings) {

        public boolean clean() {
            return findings.isEmpty();
        }

        /** The first {@code max} findings, one per line, for an assertion's message. */
        public String describeFindings(int max) {
            StringBuilder described = new StringBuilder(findings.size() + " findings");
            findings.stream()
                    .limit(max)
                    .forEach(finding -> described.append("\n  ").append(finding));
            return described.toString();
        }

        public void print(PrintStream out) {
            out.println(
                    "fuzz: seed "
                            + seed
                            + ", "
                            + requests
                            + " requests in "
                            + elapsed.toMillis()
                            + " ms, "
                            + findings.size()
                            + " findings");
            tally.print(out);
            Map<String, Integer> byRule = new TreeMap<>();
            findings.forEach(finding -> byRule.merge(finding.rule(), 1, Integer::sum));
            if (!byRule.isEmpty()) {
                out.println("  findings: " + byRule);
            }
            findings.stream().limit(50).forEach(finding -> out.println("  FINDING " + finding));
            if (findings.size() > 50) {
                out.println("  … and " + (findings.size() - 50) + " more");
            }
        }
    }

    private FuzzRun() {}

    public static Report run(Target target, long seed, int count) throws Exception {
        FuzzHttp http = new FuzzHttp(target.baseUrl());
        GraphQLSchema schema = FuzzSchema.introspect(http, target.adminToken());
        FuzzTargets targets =
                FuzzTargets.prepare(
                        http,
                        target.adminToken(),
                        target.repToken(),
                        target.s3Endpoint(),
                        target.bucket());
        List<FuzzRequest> requests = FuzzCases.generate(seed, count, schema, targets);
        return send(http, seed, requests);
    }

    private static Report send(FuzzHttp http, long seed, List<FuzzRequest> requests)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long started = System.nanoTime();
        List<Future<Judged>> answers = new ArrayList<>(requests.size());
        try {
            for (FuzzRequest request : requests) {
                answers.add(pool.submit(() -> judge(http, request)));
            }
            FuzzTally tally = new FuzzTally();
            List<Finding> findings = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                Judged judged = answers.get(i).get();
                tally.add(requests.get(i), judged);
                findings.addAll(judged.findings());
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            return new Report(
                    seed, requests.size(), elapsed, tally, Collections.unmodifiableList(findings));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One answer judged.
     *
     * @param served whether it came from past the route's gate ({@link FuzzCheck#served})
     */
    record Judged(
            int status, List<String> codes, boolean served, List<Finding> findings, long millis) {}

    private static Judged judge(FuzzHttp http, FuzzRequest request) throws InterruptedException {
        long started = System.nanoTime();
        FuzzHttp.Answer answer;
        try {
            answer = http.send(request);
        } catch (IOException failed) {
            // a connection the server dropped or reset is as bad as a 5xx: nothing answered
            Finding dropped = new Finding(request, 0, "no answer", String.valueOf(failed), "");
            return new Judged(
                    0, List.of("(no answer)"), false, List.of(dropped), millisSince(started));
        }
        return new Judged(
                answer.status(),
                FuzzCheck.codes(answer),
                FuzzCheck.served(request, answer),
                FuzzCheck.findings(request, answer),
                millisSince(started));
    }

    private static long millisSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}
