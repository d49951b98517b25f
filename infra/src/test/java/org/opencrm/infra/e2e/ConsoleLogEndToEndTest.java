package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.infra.auth.DemoOrg;

/**
 * The local cloud's console shows the same JSON line per request that Lambda writes to CloudWatch:
 * the handlers run unchanged, with their logging configuration.
 */
class ConsoleLogEndToEndTest extends LocalCloudEndToEnd {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anApiRequest_printsOneJsonLine_withItsRequestIdOperationDurationAndDynamoDbCalls()
            throws Exception {
        // GIVEN the console of `serve`
        String repToken = api.tokenOf(DemoOrg.REP_A1);
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        // WHEN a named mutation runs through HTTP
        JsonNode body;
        try (PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            body =
                    api.run(
                            repToken,
                            "mutation NewCustomer($in: CreateCustomerInput!) {"
                                    + " createCustomer(input: $in) { id } }",
                            Map.of(
                                    "in",
                                    Map.of(
                                            "name",
                                            "Console Ltd",
                                            "phone",
                                            ApiClient.uniqueMobile())));
        } finally {
            System.setOut(console);
        }

        // THEN the line with the response's request id says what ran, for whom, at what cost
        String requestId = body.at("/extensions/requestId").asText();
        List<JsonNode> lines =
                printed.toString(StandardCharsets.UTF_8)
                        .lines()
                        .filter(line -> line.startsWith("{"))
                        .map(ConsoleLogEndToEndTest::parse)
                        .filter(line -> requestId.equals(line.path("requestId").asText()))
                        .toList();
        assertEquals(1, lines.size(), printed.toString(StandardCharsets.UTF_8));
        JsonNode line = lines.get(0);
        assertEquals("api", line.path("kind").asText());
        assertEquals("NewCustomer", line.path("operation").asText());
        assertEquals("demo-rep-a1", line.path("callerId").asText());
        assertEquals("GraphqlApiFunction", line.path("function_name").asText());
        assertTrue(line.path("durationMs").isIntegralNumber(), line.toString());
        // the server-mode SDK client counts its calls: a create reads and writes
        assertTrue(line.path("dynamoDbCalls").asLong() >= 1, line.toString());
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException notJson) {
            throw new AssertionError("a console line is not JSON: " + line, notJson);
        }
    }
}
