package org.opencrm.infra.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.auth.DevTokens;

/**
 * A CSV lead import of N rows (default 100,000) through the local cloud, end to end: real HTTP, the
 * GraphQL function, the files bucket (S3Proxy) and its event, the intake stream and the import
 * function on DynamoDB Local. By default the file is GBK and uploaded as a client would: {@code
 * createUpload(purpose: LEAD_IMPORT)}, a PUT to the presigned URL, then polling {@code
 * leadImport(uploadId)}; {@code --inline} sends it in {@code startLeadImport} instead (at most 1
 * MB, about 8,000 rows). Prints progress as the polling client sees it, then the duration, rows per
 * second, the heap's peak and the final tally against what the file holds (exit 1 if it differs).
 *
 * <pre>
 * java -Xmx4g -cp infra/target/crm-local.jar org.opencrm.infra.bench.ImportBench 100000 [--inline] [--max-minutes=N]
 * </pre>
 */
public final class ImportBench {

    private static final String START =
            "mutation($channel: String!, $csv: String!) { startLeadImport(channel: $channel, csv: $csv) { id total } }";
    private static final String POLL =
            "query($id: ID!) { leadImport(id: $id) { status total processed accepted merged quarantined"
                    + " failure { field rule message } } }";
    private static final String CREATE_UPLOAD =
            "mutation($in: UploadInput!) { createUpload(input: $in) { id url method headers { name value } } }";
    private static final Set<String> ENDED = Set.of("DONE", "FAILED");
    private static final Charset GBK = Charset.forName("GBK");
    private static final String NOTE = "春季展会线索请尽快联系并确认预算与决策人";

    /** The note length of a typical exported row (about 120 bytes in GBK with the company). */
    public static final int EXPORT_NOTE_CHARS = NOTE.length();

    /** A generated file and what intake must make of it. */
    public record Sample(
            String csv,
            int rows,
            int expectedAccepted,
            int expectedMerged,
            int expectedQuarantined) {}

    private ImportBench() {}

    /**
     * {@code rows} data rows with fresh phones; every 50th row repeats the row before it (merged),
     * every 100th has a masked phone and no other contact (quarantined).
     */
    public static Sample sample(int rows) {
        return sample(rows, 0);
    }

    /**
     * The same rows, with a company and a note of {@code noteChars} Chinese characters when that is
     * above 0, like a real export: with {@link #EXPORT_NOTE_CHARS} a row is about 120 bytes in GBK,
     * so 100,000 rows make a 12 MB file.
     */
    public static Sample sample(int rows, int noteChars) {
        boolean wide = noteChars > 0;
        String note = NOTE.repeat(noteChars / NOTE.length() + 1).substring(0, noteChars);
        long base = ThreadLocalRandom.current().nextLong(10_000_000L, 90_000_000L - rows);
        StringBuilder csv =
                new StringBuilder(
                        wide
                                ? "姓名,mobile,城市,预算,utm_campaign,公司,备注\n"
                                : "姓名,mobile,城市,预算,utm_campaign\n");
        int merged = 0;
        int quarantined = 0;
        for (int row = 1; row <= rows; row++) {
            if (row % 100 == 0) {
                csv.append("Masked ")
                        .append(row)
                        .append(",138****")
                        .append(String.format("%04d", row % 10_000))
                        .append(",shenzhen,,spring");
                quarantined++;
            } else if (row % 50 == 0) {
                csv.append("Repeat ")
                        .append(row)
                        .append(",139")
                        .append(base + row - 1)
                        .append(",,,spring");
                merged++;
            } else {
                csv.append("Lead ")
                        .append(row)
                        .append(",139")
                        .append(base + row)
                        .append(",shenzhen,50万,spring");
            }
            if (wide) {
                csv.append(",深圳星河科技有限公司第").append(row).append("分公司,").append(note);
            }
            csv.append('\n');
        }
        return new Sample(csv.toString(), rows, rows - merged - quarantined, merged, quarantined);
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        boolean inline = List.of(args).contains("--inline");
        // --max-minutes=N: stop polling after N minutes and report the rate reached so far
        Duration limit =
                List.of(args).stream()
                        .filter(arg -> arg.startsWith("--max-minutes="))
                        .map(arg -> Duration.ofMinutes(Long.parseLong(arg.split("=")[1])))
                        .findFirst()
                        .orElse(Duration.ofDays(1));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (LocalCloud cloud =
                LocalCloud.start(
                        LocalCloudOptions.forTests(Path.of("template.yaml").toAbsolutePath()),
                        quiet)) {
            boolean correct =
                    inline ? run(cloud, rows, System.out) : runUploaded(cloud, rows, limit);
            System.exit(correct ? 0 : 1);
        }
    }

    /**
     * Uploads {@code rows} wide rows as a GBK file through createUpload and its presigned PUT, then
     * polls {@code leadImport(uploadId)} until the import ends; reports on stdout. True when the
     * final tally is exactly what the file holds.
     */
    public static boolean runUploaded(LocalCloud cloud, int rows, Duration limit) throws Exception {
        PrintStream out = System.out;
        Sample sample = sample(rows, EXPORT_NOTE_CHARS);
        byte[] file = sample.csv().getBytes(GBK);
        String token = DevTokens.fromEnvironment(AppClock.SHARED).mint(DemoOrg.ADMIN);
        HttpClient http = HttpClient.newHttpClient();
        URI graphql = URI.create(cloud.baseUrl() + "/graphql");
        HeapPeak heap = HeapPeak.start();
        long started = System.nanoTime();
        JsonNode upload =
                BenchGraphql.post(
                                http,
                                graphql,
                                token,
                                CREATE_UPLOAD,
                                Map.of("in", importUpload(file)))
                        .at("/data/createUpload");
        String uploadId = upload.at("/id").asText();
        put(http, upload, file);
        out.printf(
                "upload %s: %d rows, %.1f MB GBK, PUT to the bucket in %.1f s%n",
                uploadId, rows, file.length / 1e6, BenchGraphql.seconds(started));
        JsonNode state;
        do {
            Thread.sleep(1_000);
            heap.sample();
            state =
                    BenchGraphql.post(http, graphql, token, POLL, Map.of("id", uploadId))
                            .at("/data/leadImport");
            out.printf(
                    "  %6.1f s  %s  %d / %d%n",
                    BenchGraphql.seconds(started),
                    state.at("/status").asText(),
                    state.at("/processed").asLong(),
                    state.at("/total").asLong());
        } while (!ENDED.contains(state.at("/status").asText())
                && BenchGraphql.seconds(started) < limit.toSeconds());
        double total = BenchGraphql.seconds(started);
        if (ENDED.contains(state.at("/status").asText())) {
            out.printf(
                    "%s in %.1f s: %.0f rows/s end to end (PUT, file checked and queued, every"
                            + " chunk through intake)%n",
                    state.at("/status").asText(), total, rows / total);
        } else {
            out.printf(
                    "stopped after %.1f s, still %s: %d of %d rows processed, %.0f rows/s so far%n",
                    total,
                    state.at("/status").asText(),
                    state.at("/processed").asLong(),
                    rows,
                    state.at("/processed").asLong() / total);
        }
        out.printf(
                "accepted %d (expected %d), merged %d (%d), quarantined %d (%d)%s%n",
                state.at("/accepted").asLong(),
                sample.expectedAccepted(),
                state.at("/merged").asLong(),
                sample.expectedMerged(),
                state.at("/quarantined").asLong(),
                sample.expectedQuarantined(),
                state.at("/failure").isObject() ? "; failure " + state.at("/failure") : "");
        out.printf(
                "heap: peak used %.0f MB (sampled each second), %.0f MB summed over the heap"
                        + " pools' peaks; one JVM runs the local cloud (DynamoDB Local, S3Proxy,"
                        + " every function) and this client with its copy of the file%n",
                heap.sampledPeak() / 1e6, heap.poolPeaks() / 1e6);
        return "DONE".equals(state.at("/status").asText())
                && state.at("/accepted").asLong() == sample.expectedAccepted()
                && state.at("/merged").asLong() == sample.expectedMerged()
                && state.at("/quarantined").asLong() == sample.expectedQuarantined()
                && state.at("/processed").asLong() == rows;
    }

    private static Map<String, Object> importUpload(byte[] file) throws Exception {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("purpose", "LEAD_IMPORT");
        input.put("fileName", "leads-gbk.csv");
        input.put("contentType", "text/csv");
        input.put("size", file.length);
        input.put(
                "sha256",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)));
        input.put("channel", "csv");
        return input;
    }

    /** PUTs the file to the presigned URL with exactly the headers the upload lists. */
    private static void put(HttpClient http, JsonNode upload, byte[] file) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(upload.at("/url").asText()))
                        .timeout(Duration.ofMinutes(2))
                        .method(
                                upload.at("/method").asText(),
                                HttpRequest.BodyPublishers.ofByteArray(file));
        for (JsonNode header : upload.at("/headers")) {
            request.header(header.at("/name").asText(), header.at("/value").asText());
        }
        HttpResponse<String> stored =
                http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (stored.statusCode() != 200) {
            throw new IllegalStateException(
                    "PUT answered " + stored.statusCode() + ": " + stored.body());
        }
    }

    /**
     * The heap's peak while the import runs: used heap sampled each poll, and the sum of each heap
     * pool's own peak (an upper bound: the pools may peak at different times).
     */
    private static final class HeapPeak {
        private long sampledPeak;

        static HeapPeak start() {
            System.gc();
            heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
            HeapPeak peak = new HeapPeak();
            peak.sample();
            return peak;
        }

        void sample() {
            sampledPeak =
                    Math.max(
                            sampledPeak,
                            ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }

        long sampledPeak() {
            return sampledPeak;
        }

        long poolPeaks() {
            return heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        }

        private static List<MemoryPoolMXBean> heapPools() {
            return ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP)
                    .toList();
        }
    }

    /**
     * Runs one import and reports on {@code out}; true when the final tally is exactly what the
     * file holds.
     */
    public static boolean run(LocalCloud cloud, int rows, PrintStream out) throws Exception {
        Sample sample = sample(rows);
        String token = DevTokens.fromEnvironment(AppClock.SHARED).mint(DemoOrg.ADMIN);
        HttpClient http = HttpClient.newHttpClient();
        URI graphql = URI.create(cloud.baseUrl() + "/graphql");
        long started = System.nanoTime();
        JsonNode job =
                BenchGraphql.post(
                                http,
                                graphql,
                                token,
                                START,
                                Map.of("channel", "csv", "csv", sample.csv()))
                        .at("/data/startLeadImport");
        double accepting = BenchGraphql.seconds(started);
        out.printf(
                "import %s: %d rows (%.1f MB) accepted for processing in %.1f s%n",
                job.at("/id").asText(), rows, sample.csv().length() / 1e6, accepting);
        JsonNode state;
        do {
            Thread.sleep(1_000);
            state =
                    BenchGraphql.post(
                                    http,
                                    graphql,
                                    token,
                                    POLL,
                                    Map.of("id", job.at("/id").asText()))
                            .at("/data/leadImport");
            out.printf(
                    "  %6.1f s  %s  %d / %d%n",
                    BenchGraphql.seconds(started),
                    state.at("/status").asText(),
                    state.at("/processed").asLong(),
                    state.at("/total").asLong());
        } while (!"DONE".equals(state.at("/status").asText()));
        double total = BenchGraphql.seconds(started);
        out.printf(
                "done in %.1f s: %.0f rows/s end to end; accepted %d (expected %d), merged %d (%d), quarantined %d (%d)%n",
                total,
                rows / total,
                state.at("/accepted").asLong(),
                sample.expectedAccepted(),
                state.at("/merged").asLong(),
                sample.expectedMerged(),
                state.at("/quarantined").asLong(),
                sample.expectedQuarantined());
        return state.at("/accepted").asLong() == sample.expectedAccepted()
                && state.at("/merged").asLong() == sample.expectedMerged()
                && state.at("/quarantined").asLong() == sample.expectedQuarantined()
                && state.at("/processed").asLong() == rows;
    }
}
