package org.opencrm.infra.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.auth.DevTokens;

/**
 * A CSV lead import of N rows (default 100,000) through the local cloud, end to end: real HTTP, the
 * GraphQL function, the intake stream and the import function on DynamoDB Local. Prints progress as
 * a client polling {@code leadImport} would see it, then the duration, rows per second and the
 * final tally against what the file holds.
 *
 * <pre>java -cp infra/target/crm-local.jar org.opencrm.infra.bench.ImportBench 100000</pre>
 */
public final class ImportBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String START =
            "mutation($channel: String!, $csv: String!) { startLeadImport(channel: $channel, csv: $csv) { id total } }";
    private static final String POLL =
            "query($id: ID!) { leadImport(id: $id) { status total processed accepted merged quarantined } }";

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
        long base = ThreadLocalRandom.current().nextLong(10_000_000L, 90_000_000L - rows);
        StringBuilder csv = new StringBuilder("姓名,mobile,城市,预算,utm_campaign\n");
        int merged = 0;
        int quarantined = 0;
        for (int row = 1; row <= rows; row++) {
            if (row % 100 == 0) {
                csv.append("Masked ")
                        .append(row)
                        .append(",138****")
                        .append(String.format("%04d", row % 10_000))
                        .append(",shenzhen,,spring\n");
                quarantined++;
            } else if (row % 50 == 0) {
                csv.append("Repeat ")
                        .append(row)
                        .append(",139")
                        .append(base + row - 1)
                        .append(",,,spring\n");
                merged++;
            } else {
                csv.append("Lead ")
                        .append(row)
                        .append(",139")
                        .append(base + row)
                        .append(",shenzhen,50万,spring\n");
            }
        }
        return new Sample(csv.toString(), rows, rows - merged - quarantined, merged, quarantined);
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (LocalCloud cloud =
                LocalCloud.start(
                        LocalCloudOptions.forTests(Path.of("template.yaml").toAbsolutePath()),
                        quiet)) {
            boolean correct = run(cloud, rows, System.out);
            System.exit(correct ? 0 : 1);
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
                post(http, graphql, token, START, Map.of("channel", "csv", "csv", sample.csv()))
                        .at("/data/startLeadImport");
        double accepting = seconds(started);
        out.printf(
                "import %s: %d rows (%.1f MB) accepted for processing in %.1f s%n",
                job.at("/id").asText(), rows, sample.csv().length() / 1e6, accepting);
        JsonNode state;
        do {
            Thread.sleep(1_000);
            state =
                    post(http, graphql, token, POLL, Map.of("id", job.at("/id").asText()))
                            .at("/data/leadImport");
            out.printf(
                    "  %6.1f s  %s  %d / %d%n",
                    seconds(started),
                    state.at("/status").asText(),
                    state.at("/processed").asLong(),
                    state.at("/total").asLong());
        } while (!"DONE".equals(state.at("/status").asText()));
        double total = seconds(started);
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

    private static JsonNode post(
            HttpClient http, URI graphql, String token, String query, Map<String, Object> variables)
            throws Exception {
        String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(graphql)
                                .timeout(Duration.ofMinutes(2))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        if (response.statusCode() != 200 || json.has("errors")) {
            throw new IllegalStateException(
                    "HTTP " + response.statusCode() + ": " + response.body());
        }
        return json;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
