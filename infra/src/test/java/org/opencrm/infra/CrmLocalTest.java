package org.opencrm.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencrm.core.access.Role;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.time.AppClock;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserProfile;
import org.opencrm.core.user.UserStore;
import org.opencrm.infra.auth.DemoOrg.DemoUser;
import org.opencrm.infra.auth.DevTokens;
import org.opencrm.infra.aws.DynamoDbLocalServer;
import org.opencrm.infra.aws.LocalAws;
import org.opencrm.infra.streams.StreamFaults;

class CrmLocalTest {

    private static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return CrmLocal.run(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void token_mintsForAUserCreatedLocally_withTheirClaims_andRefusesAnUnknownIdWithExit3()
            throws Exception {
        // GIVEN a running local cloud whose users table holds a rep nobody put in the demo org
        try (LocalCloud cloud =
                LocalCloud.start(
                        LocalCloudOptions.forTests(
                                TestSupport.PROJECT_TEMPLATE.toAbsolutePath().normalize()))) {
            Instant now = Instant.now();
            User created =
                    User.newActive(
                            "dev-made-rep",
                            UserProfile.withDefaultLoad(
                                    "Made Locally",
                                    "made@dev.local",
                                    Role.SALES_REP,
                                    "north",
                                    "north-x",
                                    null),
                            now);
            assertTrue(
                    new UserStore(DynamoClients.enhanced(cloud.dynamo()), cloud.tableNames())
                            .insert(created, new WriteStamp("test", "test", "127.0.0.1", now))
                            .isPresent());
            String port = String.valueOf(cloud.port());

            // WHEN a token is asked for that user, and for an id the table does not hold
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int minted =
                    run(out, new ByteArrayOutputStream(), "token", created.id(), "--port", port);
            int unknown = run(new ByteArrayOutputStream(), err, "token", "ghost", "--port", port);

            // THEN the token carries the user's claims from the table, and the API accepts it
            assertEquals(0, minted);
            String token = out.toString(StandardCharsets.UTF_8).trim();
            var claims = DevTokens.fromEnvironment(AppClock.SHARED).verify(token).orElseThrow();
            assertEquals("dev-made-rep", claims.getSubject());
            assertEquals("SALES_REP", claims.getClaim("custom:role"));
            assertEquals("north", claims.getClaim("custom:region"));
            assertEquals("north-x", claims.getClaim("custom:team"));
            var response =
                    TestSupport.post(
                            cloud,
                            "/graphql",
                            "{\"query\": \"{ me { id role } }\"}",
                            Map.of(
                                    "authorization",
                                    "Bearer " + token,
                                    "content-type",
                                    "application/json"));
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("dev-made-rep", TestSupport.json(response).at("/data/me/id").asText());
            // AND the unknown id is a clear refusal with its own exit code
            assertEquals(3, unknown);
            assertTrue(
                    err.toString(StandardCharsets.UTF_8).contains("unknown user ghost"),
                    err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void token_withNoLocalCloudRunning_mintsForADemoUser_andRefusesAnyOtherIdWithExit1()
            throws Exception {
        // GIVEN a loopback port nothing listens on
        String silent = String.valueOf(DynamoDbLocalServer.freeLoopbackPort());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // WHEN tokens are asked for a demo user and for someone else
        int demo = run(out, new ByteArrayOutputStream(), "token", "demo-lead-a", "--port", silent);
        int other = run(new ByteArrayOutputStream(), err, "token", "someone-new", "--port", silent);

        // THEN the demo user gets one from the built-in demo org
        assertEquals(0, demo);
        String token = out.toString(StandardCharsets.UTF_8).trim();
        var claims = DevTokens.fromEnvironment(AppClock.SHARED).verify(token).orElseThrow();
        assertEquals("demo-lead-a", claims.getSubject());
        assertEquals("TEAM_LEAD", claims.getClaim("custom:role"));
        assertEquals("east-a", claims.getClaim("custom:team"));
        // AND anyone else is refused, saying no cloud answered and how to start one
        assertEquals(1, other);
        assertTrue(
                err.toString(StandardCharsets.UTF_8).contains("no local cloud at"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void token_withABadPort_printsUsage_withExit2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertEquals(2, run(new ByteArrayOutputStream(), err, "token", "x", "--port", "nope"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage:"));
    }

    @Test
    void serveFlags_areParsedIntoOptions_andUnknownFlagsRefused() {
        LocalCloudOptions options =
                CrmLocal.parseServe(
                                List.of(
                                        "--port",
                                        "9090",
                                        "--in-memory",
                                        "--demo",
                                        "--data",
                                        "d",
                                        "--stage",
                                        "prod"))
                        .orElseThrow();

        assertEquals(
                new LocalCloudOptions(
                        Path.of("template.yaml"),
                        9090,
                        true,
                        Path.of("d"),
                        true,
                        Optional.of("prod"),
                        StreamFaults.NONE),
                options);
        assertEquals(Optional.empty(), CrmLocal.parseServe(List.of()).orElseThrow().stage());
        assertEquals(Optional.empty(), CrmLocal.parseServe(List.of("--stage")));
        assertEquals(Optional.empty(), CrmLocal.parseServe(List.of("--bogus")));
        assertEquals(Optional.empty(), CrmLocal.parseServe(List.of("--port")));
        // a port that is not one is refused with the usage, not a stack trace
        assertEquals(Optional.empty(), CrmLocal.parseServe(List.of("--port", "abc")));
        assertEquals(Optional.empty(), CrmLocal.parseServe(List.of("--port", "70000", "--demo")));
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
