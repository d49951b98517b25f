package org.opencrm.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.auth.DemoOrg.DemoUser;
import org.opencrm.infra.auth.DevTokens;
import org.opencrm.infra.aws.LocalAws;

class CrmLocalTest {

    private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return CrmLocal.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void token_printsAVerifiableTokenForADemoUser() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertEquals(0, run(out, new ByteArrayOutputStream(), "token", "demo-lead-a"));

        String token = out.toString(StandardCharsets.UTF_8).trim();
        var claims = DevTokens.fromEnvironment(AppClock.SHARED).verify(token).orElseThrow();
        assertEquals("demo-lead-a", claims.getSubject());
        assertEquals("TEAM_LEAD", claims.getClaim("custom:role"));
        assertEquals("east-a", claims.getClaim("custom:team"));
    }

    @Test
    void token_exitsWithCode2_forAnUnknownUser() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertEquals(2, run(new ByteArrayOutputStream(), err, "token", "nobody"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown demo user nobody"));
    }

    @Test
    void serveFlags_areParsedIntoOptions_andUnknownFlagsRefused() {
        LocalCloudOptions options =
                CrmLocal.parseServe(
                                List.of("--port", "9090", "--in-memory", "--demo", "--data", "d"))
                        .orElseThrow();

        assertEquals(
                new LocalCloudOptions(Path.of("template.yaml"), 9090, true, Path.of("d"), true),
                options);
        assertEquals(Optional.empty(), CrmLocal.parseServe(List.of("--bogus")));
        assertEquals(Optional.empty(), CrmLocal.parseServe(List.of("--port")));
    }

    @Test
    void bootstrapAdmin_createsTheFirstAdmin_whoCanThenCallTheApi_andRefusesARepeat()
            throws Exception {
        // GIVEN a running stack whose users table holds no such user
        try (LocalCloud cloud =
                LocalCloud.start(
                        LocalCloudOptions.forTests(
                                TestSupport.PROJECT_TEMPLATE.toAbsolutePath().normalize()))) {
            RuntimeEnvironment env =
                    RuntimeEnvironment.of(
                            Map.of(
                                    RuntimeEnvironment.USERS_TABLE,
                                    cloud.tableName("UsersTable"),
                                    RuntimeEnvironment.ENDPOINT_URL,
                                    cloud.dynamoEndpoint().toString(),
                                    RuntimeEnvironment.REGION,
                                    LocalAws.REGION,
                                    "AWS_ACCESS_KEY_ID",
                                    LocalAws.ACCESS_KEY_ID,
                                    "AWS_SECRET_ACCESS_KEY",
                                    LocalAws.SECRET_ACCESS_KEY));
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            // WHEN the first admin is bootstrapped, twice
            int first =
                    CrmLocal.bootstrapAdmin(
                            "first-admin",
                            "First Admin",
                            env,
                            new PrintStream(new ByteArrayOutputStream()),
                            new PrintStream(err));
            int second =
                    CrmLocal.bootstrapAdmin(
                            "first-admin",
                            "Again",
                            env,
                            new PrintStream(new ByteArrayOutputStream()),
                            new PrintStream(err));

            // THEN the first call created an admin the API accepts, and the repeat changed nothing
            assertEquals(0, first);
            assertEquals(1, second);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("already exists"));
            String token =
                    DevTokens.fromEnvironment(AppClock.SHARED)
                            .mint(
                                    new DemoUser(
                                            "first-admin",
                                            "First Admin",
                                            "ADMIN",
                                            Optional.empty(),
                                            Optional.empty(),
                                            Optional.empty()));
            var response =
                    TestSupport.post(
                            cloud,
                            "/graphql",
                            "{\"query\": \"{ me { role name } }\"}",
                            Map.of(
                                    "authorization",
                                    "Bearer " + token,
                                    "content-type",
                                    "application/json"));
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("First Admin", TestSupport.json(response).at("/data/me/name").asText());
            assertEquals("ADMIN", TestSupport.json(response).at("/data/me/role").asText());
        }
    }
}
