package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opencrm.infra.Json;
import org.opencrm.infra.auth.DemoOrg;

/**
 * Issue 18's done-when for GraphQL over HTTP: graphql-http's server audit suite (npm {@code
 * graphql-http}, the reference implementation's conformance checks of the GraphQL-over-HTTP draft)
 * against the running local cloud's {@code /graphql}, with a dev token on every request: every MUST
 * and every SHOULD passes. Node and npm are required: without them this test fails ({@code .ci/run}
 * installs them); the package is installed once into {@code target/}.
 */
class GraphqlOverHttpAuditEndToEndTest extends LocalCloudEndToEnd {

    static final String PACKAGE = "graphql-http";
    static final String VERSION = "1.23.1";
    private static final Path WORK_DIR = Path.of("target", "graphql-http-audit").toAbsolutePath();
    private static final long INSTALL_TIMEOUT_SECONDS = 300;
    private static final long AUDIT_TIMEOUT_SECONDS = 120;

    @Test
    void graphqlHttpAudit_passesEveryMustAndEveryShould() throws Exception {
        // GIVEN graphql-http installed beside the audit script
        installAuditSuite();
        Path script = WORK_DIR.resolve("graphql-http-audit.mjs");
        try (InputStream source =
                Objects.requireNonNull(
                        getClass().getResourceAsStream("graphql-http-audit.mjs"), "the script")) {
            Files.copy(source, script, StandardCopyOption.REPLACE_EXISTING);
        }

        // WHEN it audits the local cloud's GraphQL endpoint as the demo admin
        String output =
                run(
                        List.of("node", script.toString()),
                        Map.of(
                                "AUDIT_URL",
                                cloud.baseUrl() + "/graphql",
                                "AUDIT_TOKEN",
                                api.tokenOf(DemoOrg.ADMIN)),
                        AUDIT_TIMEOUT_SECONDS);

        // THEN every MUST and every SHOULD passed (the MAYs are printed, not required)
        String summary =
                output.lines()
                        .filter(line -> line.startsWith("AUDIT "))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no audit summary in:\n" + output));
        JsonNode counts = Json.MAPPER.readTree(summary.substring("AUDIT ".length()));
        System.out.println("[graphql-http " + VERSION + "] " + counts + "\n" + output);
        assertTrue(counts.at("/MUST/total").asInt() >= 12, output);
        assertTrue(counts.at("/SHOULD/total").asInt() >= 20, output);
        assertEquals(counts.at("/MUST/total").asInt(), counts.at("/MUST/ok").asInt(), output);
        assertEquals(counts.at("/SHOULD/total").asInt(), counts.at("/SHOULD/ok").asInt(), output);
    }

    /** npm install of the pinned version, skipped when target/ already holds it. */
    private static void installAuditSuite() throws Exception {
        Path installed = WORK_DIR.resolve("node_modules").resolve(PACKAGE).resolve("package.json");
        if (Files.exists(installed)
                && VERSION.equals(
                        Json.MAPPER.readTree(installed.toFile()).path("version").asText())) {
            return;
        }
        Files.createDirectories(WORK_DIR);
        run(
                List.of(
                        "npm",
                        "install",
                        "--no-audit",
                        "--no-fund",
                        "--no-package-lock",
                        "--prefix",
                        WORK_DIR.toString(),
                        PACKAGE + "@" + VERSION),
                Map.of(),
                INSTALL_TIMEOUT_SECONDS);
    }

    /** Runs a command in the work directory; its output, or a failed assertion saying why. */
    private static String run(List<String> command, Map<String, String> environment, long timeout)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("graphql-http-audit", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(WORK_DIR.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException missing) {
            throw new AssertionError(
                    command.get(0)
                            + " is required for this test and was not found on the PATH"
                            + " (Node.js 18+ with npm; .ci/run installs them)",
                    missing);
        }
        if (!process.waitFor(timeout, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeout + " s");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        assertEquals(0, process.exitValue(), command + " failed:\n" + output);
        return output;
    }
}
