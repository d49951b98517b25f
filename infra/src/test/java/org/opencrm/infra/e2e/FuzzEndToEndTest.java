package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.fuzz.FuzzRun;
import org.opencrm.infra.fuzz.FuzzRun.Report;

/**
 * Issue 18: 2,000 generated requests (every query and mutation of the served schema, and every HTTP
 * route: webhooks, charts, upload arrivals) with random, huge, unicode, NUL and unpaired-surrogate
 * values, malformed JSON, batches, deep nesting, floods, wrong content types and forged tokens. The
 * seed is fixed, so a finding reproduces: {@code FuzzBench} runs longer ones.
 */
class FuzzEndToEndTest extends LocalCloudEndToEnd {

    /** Fixed: a change of seed is a different test, not a way to make this one pass. */
    static final long SEED = 18_2026L;

    static final int REQUESTS = 2_000;

    /**
     * The least share of each route's requests that must get past its gate ({@code FuzzCheck
     * .served}): below it, the route's handler was hardly fuzzed at all, whatever else passed.
     */
    static final Map<String, Double> SERVED_AT_LEAST =
            Map.of("graphql", 0.5, "webhook", 0.2, "chart", 0.2, "upload", 0.5);

    @Test
    void twoThousandHostileRequests_getNoInternalNo5xxAndNoClassNames() throws Exception {
        // GIVEN the local cloud, an admin's and a rep's token, and a fixed seed
        FuzzRun.Target target =
                new FuzzRun.Target(
                        cloud.baseUrl(),
                        api.adminToken(),
                        api.tokenOf(DemoOrg.REP_A1),
                        cloud.s3Endpoint(),
                        cloud.bucketName("FilesBucket"));

        // WHEN the fuzzer sends its requests
        Report report = FuzzRun.run(target, SEED, REQUESTS);
        report.print(System.out);

        // THEN all were answered, none with a 5xx, INTERNAL, a stack frame or a class name
        assertEquals(REQUESTS, report.requests());
        assertTrue(report.clean(), report.describeFindings(10));
        // AND each route was fuzzed behind its gate, not only at it: enough GraphQL calls executed,
        // webhook deliveries taken, charts drawn and objects stored for their arrival function
        Map<String, Integer> sent = report.tally().requestsByKind();
        Map<String, Integer> served = report.tally().servedByKind();
        SERVED_AT_LEAST.forEach(
                (kind, share) ->
                        assertTrue(
                                served.getOrDefault(kind, 0) >= share * sent.getOrDefault(kind, 0)
                                        && served.getOrDefault(kind, 0) > 0,
                                kind
                                        + ": "
                                        + served.get(kind)
                                        + " of "
                                        + sent.get(kind)
                                        + " served"));
        // AND every query and mutation of the schema was executed at least once
        assertEquals(List.of(), report.tally().rootsNeverServed());
        // AND no function failed for good on what the fuzzer sent (stream batches, arrivals)
        String deadLetters =
                Files.exists(cloud.deadLetterFile())
                        ? Files.readString(cloud.deadLetterFile())
                        : "";
        assertEquals("", deadLetters.strip(), "dead letters after the fuzz run");
    }

    @Test
    void aWebhookForAChannelThatIsNoId_isBadUserInputOnChannel() throws Exception {
        // GIVEN channels no store could key on: 3 KB, and one with a space
        for (String channel : List.of("c".repeat(3 * 1024), "web site")) {
            // WHEN a delivery is posted to it
            HttpResponse<String> response =
                    TestSupport.post(
                            cloud,
                            "/webhooks/leads/"
                                    + URLEncoder.encode(channel, StandardCharsets.UTF_8)
                                            .replace("+", "%20"),
                            "[]",
                            Map.of("content-type", "application/json"));

            // THEN 400 naming the channel, its rule and limit
            assertEquals(400, response.statusCode(), response.body());
            JsonNode error = TestSupport.json(response).at("/errors/0/extensions");
            assertEquals("BAD_USER_INPUT", error.path("code").asText(), response.body());
            assertEquals("channel", error.path("field").asText(), response.body());
            assertTrue(error.has("rule") && error.has("limit"), response.body());
        }
    }

    @Test
    void aLargeBodyToNoRoute_orWithoutAToken_isAnsweredWhole() {
        // GIVEN 200 KB posted where no route matches (the channel's %2F decodes to a slash) and
        // to the API without a token: both are answered before the body is read
        String body = "[" + "1,".repeat(100_000) + "1]";
        HttpResponse<String> noRoute =
                TestSupport.post(
                        cloud,
                        "/webhooks/leads/..%2F..%2Fetc%2Fpasswd",
                        body,
                        Map.of("content-type", "application/json"));
        HttpResponse<String> noToken =
                TestSupport.post(
                        cloud, "/graphql", body, Map.of("content-type", "application/json"));

        // THEN each answer arrives whole
        assertEquals(404, noRoute.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", noRoute.body());
        assertEquals(401, noToken.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", noToken.body());
    }
}
