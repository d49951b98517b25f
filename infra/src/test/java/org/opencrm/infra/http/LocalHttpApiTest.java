package org.opencrm.infra.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencrm.infra.TestSupport.json;
import static org.opencrm.infra.TestSupport.post;
import static org.opencrm.infra.TestSupport.request;
import static org.opencrm.infra.TestSupport.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.CrmLocal;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.auth.DevTokens;
import org.opencrm.infra.fixtures.CountingScheduleHandler;
import org.opencrm.infra.fixtures.EchoHttpHandler;

/** The local API Gateway, GraphiQL and the {@code /_local/} controls, over real HTTP. */
class LocalHttpApiTest {

    private static LocalCloud cloud;
    // Tokens are minted on the shared app clock, as `token` and `serve` do, so advancing it in one
    // test does not make another test's fresh token look issued in the future.
    private static final DevTokens TOKENS = DevTokens.fromEnvironment(AppClock.SHARED);

    @BeforeAll
    static void startCloud() throws Exception {
        cloud = LocalCloud.start(LocalCloudOptions.forTests(TestSupport.FIXTURE_TEMPLATE));
    }

    @AfterAll
    static void stopCloud() {
        cloud.close();
    }

    private static HttpResponse<String> echo(String authorization) {
        return post(
                cloud,
                "/echo",
                "{\"hello\":\"world\"}",
                authorization == null
                        ? Map.of("Content-Type", "application/json")
                        : Map.of(
                                "Content-Type",
                                "application/json",
                                "Authorization",
                                authorization));
    }

    @Test
    void payloadOverApiGatewaysLimit_is413_beforeAnyFunctionRuns() {
        // GIVEN a body one byte over API Gateway's 10 MB
        String body = "x".repeat(ApiGatewayHandler.MAX_PAYLOAD_BYTES + 1);

        // WHEN
        HttpResponse<String> response =
                post(
                        cloud,
                        "/echo",
                        body,
                        Map.of(
                                "Content-Type",
                                "application/json",
                                "Authorization",
                                "Bearer " + TOKENS.mint(DemoOrg.REP_A1)));

        // THEN
        assertEquals(413, response.statusCode());
        assertEquals("Request Entity Too Large", json(response).get("message").asText());
    }

    @Test
    void jwtRoute_answers401Unauthorized_withoutToken() {
        HttpResponse<String> response = echo(null);

        assertEquals(401, response.statusCode());
        assertEquals("Unauthorized", json(response).get("message").asText());
    }

    @Test
    void jwtRoute_answers401_forTokenSignedWithAnotherSecret_orExpired_orGarbage() {
        String foreign =
                new DevTokens("some-other-secret-that-is-long-enough-000", AppClock.SHARED)
                        .mint(DemoOrg.REP_A1);
        Clock thirteenHoursAgo = Clock.offset(AppClock.SHARED, Duration.ofHours(-13));
        String expired =
                new DevTokens(DevTokens.DEFAULT_SECRET, thirteenHoursAgo).mint(DemoOrg.REP_A1);

        assertEquals(401, echo("Bearer " + foreign).statusCode());
        assertEquals(401, echo("Bearer " + expired).statusCode());
        assertEquals(401, echo("Bearer not.a.token").statusCode());
    }

    @Test
    void jwtRoute_passesCognitoShapedClaimsAndTheRequest_asApiGatewayWould() {
        HttpResponse<String> response =
                post(
                        cloud,
                        "/echo?debug=1",
                        "{\"hello\":\"world\"}",
                        Map.of(
                                "Content-Type", "application/json",
                                "X-Custom-Header", "Value",
                                "User-Agent", "crm-test",
                                "Authorization", "Bearer " + TOKENS.mint(DemoOrg.REP_A1)));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("yes", response.headers().firstValue("X-Echo").orElseThrow());
        JsonNode echo = json(response);
        JsonNode event = echo.get("event");
        JsonNode context = event.get("requestContext");
        JsonNode claims = context.get("authorizer").get("jwt").get("claims");
        assertEquals("demo-rep-a1", claims.get("sub").asText());
        assertEquals("demo-rep-a1", claims.get("cognito:username").asText());
        assertEquals("SALES_REP", claims.get("custom:role").asText());
        assertEquals("east", claims.get("custom:region").asText());
        assertEquals("east-a", claims.get("custom:team").asText());
        assertEquals("id", claims.get("token_use").asText());
        assertTrue(claims.get("exp").isTextual(), "API Gateway passes every claim as a string");
        assertEquals("2.0", event.get("version").asText());
        assertEquals("POST /echo", event.get("routeKey").asText());
        assertEquals("/echo", event.get("rawPath").asText());
        assertEquals("debug=1", event.get("rawQueryString").asText());
        assertEquals("{\"hello\":\"world\"}", event.get("body").asText());
        assertFalse(event.get("isBase64Encoded").asBoolean());
        assertEquals("Value", event.get("headers").get("x-custom-header").asText());
        assertEquals("POST", context.get("http").get("method").asText());
        assertEquals("127.0.0.1", context.get("http").get("sourceIp").asText());
        assertEquals("crm-test", context.get("http").get("userAgent").asText());
        assertEquals("test", context.get("stage").asText());
        assertFalse(context.get("requestId").asText().isBlank());
        assertEquals("hello", echo.get("greeting").asText());
        assertEquals("test", echo.get("stage").asText());
        assertTrue(echo.get("endpoint").asText().startsWith("http://127.0.0.1:"));
        assertEquals("EchoFunction", echo.get("functionName").asText());
        assertTrue(echo.get("remainingMillis").asInt() > 9000, "Timeout: 10 in the template");
    }

    @Test
    void publicRoute_skipsTheAuthorizer_andPassesPathAndQueryParameters() {
        HttpResponse<String> response = send(request(cloud, "/public/alice?x=1&x=2").GET());

        assertEquals(200, response.statusCode(), response.body());
        JsonNode event = json(response).get("event");
        assertEquals("GET /public/{name}", event.get("routeKey").asText());
        assertEquals("alice", event.get("pathParameters").get("name").asText());
        assertEquals("1,2", event.get("queryStringParameters").get("x").asText());
        assertFalse(event.get("requestContext").has("authorizer"));
    }

    @Test
    void handler_isInstantiatedOnce_likeAWarmLambdaContainer() {
        send(request(cloud, "/public/a").GET());
        send(request(cloud, "/public/b").GET());

        assertEquals(1, EchoHttpHandler.INSTANCES.get());
    }

    @Test
    void unknownRoute_answers404NotFound() {
        HttpResponse<String> response = send(request(cloud, "/nowhere").GET());

        assertEquals(404, response.statusCode());
        assertEquals("Not Found", json(response).get("message").asText());
    }

    @Test
    void tokenCommand_printsATokenThatServeAccepts() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit =
                CrmLocal.run(
                        new String[] {"token", "demo-manager-east"},
                        new PrintStream(out),
                        System.err);
        String token = out.toString(StandardCharsets.UTF_8).trim();

        assertEquals(0, exit);
        HttpResponse<String> response = echo("Bearer " + token);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode claims =
                json(response)
                        .get("event")
                        .get("requestContext")
                        .get("authorizer")
                        .get("jwt")
                        .get("claims");
        assertEquals("REGION_MANAGER", claims.get("custom:role").asText());
        assertFalse(claims.has("custom:team"), "a region manager belongs to no team");
    }

    @Test
    void scheduleFire_returnsOnlyOnceTheHandlerHasRun() {
        int before = CountingScheduleHandler.RUNS.get();

        HttpResponse<String> response =
                post(cloud, "/_local/schedules/NightlyFunction/fire", "", Map.of());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(before + 1, CountingScheduleHandler.RUNS.get());
        assertEquals("Scheduled Event", CountingScheduleHandler.LAST.get().getDetailType());
        assertEquals("aws.events", CountingScheduleHandler.LAST.get().getSource());
    }

    @Test
    void scheduleFire_answers404_forAFunctionWithoutSchedule() {
        assertEquals(
                404, post(cloud, "/_local/schedules/EchoFunction/fire", "", Map.of()).statusCode());
        assertEquals(
                404,
                post(cloud, "/_local/schedules/NoSuchFunction/fire", "", Map.of()).statusCode());
    }

    @Test
    void clockAdvance_movesTheClockEveryFunctionSees_andTokensExpireByIt() {
        String token = TOKENS.mint(DemoOrg.REP_B1);
        Duration before = AppClock.SHARED.offset();

        HttpResponse<String> response = post(cloud, "/_local/clock/advance?by=PT13H", "", Map.of());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(before.plusHours(13), AppClock.SHARED.offset());
        assertEquals(before.plusHours(13).toString(), json(response).get("offset").asText());
        assertEquals(
                401,
                echo("Bearer " + token).statusCode(),
                "a 12-hour token is expired 13 hours later");
    }

    @Test
    void localReady_answersReady_onceTheCloudHasStarted() {
        // GIVEN a started cloud (before it is ready every request answers 503: see
        // ProdStageEndToEndTest)
        // WHEN
        HttpResponse<String> response = send(request(cloud, "/_local/ready").GET());

        // THEN
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(json(response).get("ready").asBoolean());
    }

    @Test
    void clockAdvance_answers400_forABadDuration() {
        assertEquals(
                400, post(cloud, "/_local/clock/advance?by=two-hours", "", Map.of()).statusCode());
        assertEquals(400, post(cloud, "/_local/clock/advance?by=-PT1H", "", Map.of()).statusCode());
    }

    @Test
    void graphiql_isServedWithAnAdminToken_andItsAssetsLoadOffline() {
        HttpResponse<String> page = send(request(cloud, "/").GET());

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        Matcher token = Pattern.compile("Bearer ([A-Za-z0-9_.-]+)").matcher(page.body());
        assertTrue(token.find(), "the Authorization header is pre-filled");
        assertEquals("demo-admin", TOKENS.verify(token.group(1)).orElseThrow().getSubject());
        Matcher asset = Pattern.compile("(?:src|href)=\"(/webjars/[^\"]+)\"").matcher(page.body());
        int assets = 0;
        while (asset.find()) {
            HttpResponse<String> loaded = send(request(cloud, asset.group(1)).GET());
            assertEquals(200, loaded.statusCode(), asset.group(1));
            assertTrue(loaded.body().length() > 1000, asset.group(1));
            assets++;
        }
        assertEquals(4, assets, "GraphiQL's script and style, React, ReactDOM");
    }
}
