package org.opencrm.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.opencrm.core.access.Role;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.time.AppClock;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserProfile;
import org.opencrm.core.user.UserStore;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.auth.DemoOrg.DemoUser;
import org.opencrm.infra.auth.DevTokens;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code java -jar infra/target/crm-local.jar <command>}:
 *
 * <ul>
 *   <li>{@code serve [--port N] [--in-memory] [--data DIR] [--demo] [--stage dev|staging|prod]}:
 *       run template.yaml of the working directory; a stage other than dev runs as the deployed
 *       stack does (no GraphiQL, no dashboard, no {@code /_local/} routes)
 *   <li>{@code token USER_ID [--port N]}: print a dev ID token for a user of the running local
 *       cloud's users table, with that user's claims
 *   <li>{@code bootstrap-admin USER_ID NAME}: create the first admin of a deployed stack
 * </ul>
 */
public final class CrmLocal {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int UNKNOWN_USER = 3;
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);
    // serve's flags, each named once: switches, and flags followed by their value (empty when
    // the value is refused, as a port that is not one)
    private static final Map<String, UnaryOperator<LocalCloudOptions>> SERVE_SWITCHES =
            Map.of(
                    "--in-memory", options -> options.withInMemory(true),
                    "--demo", options -> options.withDemo(true));
    private static final Map<
                    String, BiFunction<LocalCloudOptions, String, Optional<LocalCloudOptions>>>
            SERVE_VALUES =
                    Map.of(
                            "--port", (options, text) -> port(text).map(options::withPort),
                            "--data",
                                    (options, data) ->
                                            Optional.of(options.withDataDir(Path.of(data))),
                            "--stage", (options, stage) -> Optional.of(options.withStage(stage)));

    private static final String HELP =
            """
            usage: crm-local serve [--port N] [--in-memory] [--data DIR] [--demo] [--stage dev|staging|prod]
                   crm-local token USER_ID [--port N]   (asks the local cloud running on port N, default 8080)
                   crm-local bootstrap-admin USER_ID "NAME"   (first admin of a deployed stack; reads
                       USERS_TABLE, AWS_REGION, credentials and optional AWS_ENDPOINT_URL from the environment)
            demo users: """
                    + String.join(", ", DemoOrg.USERS.stream().map(DemoUser::id).toList());

    private CrmLocal() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("serve")) {
            System.exit(serve(List.of(args).subList(1, args.length)));
        }
        System.exit(run(args, System.out, System.err));
    }

    /** The commands that end by themselves, with their exit code (tests call this). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 2 && args[0].equals("token")) {
            return token(args[1], LocalCloudOptions.DEFAULT_PORT, out, err);
        }
        if (args.length == 4 && args[0].equals("token") && args[2].equals("--port")) {
            Optional<Integer> port = port(args[3]);
            if (port.isPresent()) {
                return token(args[1], port.get(), out, err);
            }
        }
        if (args.length == 3 && args[0].equals("bootstrap-admin")) {
            return bootstrapAdmin(args[1], args[2], RuntimeEnvironment.current(), out, err);
        }
        err.println(HELP);
        return USAGE;
    }

    /**
     * Asks the local cloud on {@code port} to mint a token for the user as its users table holds
     * them. With no cloud running, a demo user still gets one from the built-in demo org.
     */
    private static int token(String userId, int port, PrintStream out, PrintStream err) {
        URI cloud = URI.create("http://127.0.0.1:" + port);
        Optional<HttpResponse<String>> answer = askForToken(cloud, userId);
        if (answer.isEmpty()) {
            return offlineDemoToken(userId, "no local cloud at " + cloud, out, err);
        }
        HttpResponse<String> response = answer.get();
        JsonNode body = parsed(response.body());
        if (response.statusCode() == 200 && body.hasNonNull("token")) {
            out.println(body.get("token").asText());
            return OK;
        }
        if (response.statusCode() == 404 && !body.hasNonNull("userId")) {
            // a stage other than dev serves no /_local/ routes; its gateway still checks the dev
            // signature, so a demo user's token of the built-in demo org opens it
            return offlineDemoToken(
                    userId,
                    "the local cloud at " + cloud + " serves no /_local/ routes (not stage dev)",
                    out,
                    err);
        }
        if (response.statusCode() == 404) {
            err.println(
                    "unknown user "
                            + userId
                            + ": the users table of the local cloud at "
                            + cloud
                            + " has no such user (an admin creates users with createUser)");
            return UNKNOWN_USER;
        }
        err.println(
                "the local cloud at "
                        + cloud
                        + " answered HTTP "
                        + response.statusCode()
                        + " to the token request: "
                        + response.body());
        return FAILED;
    }

    private static int offlineDemoToken(
            String userId, String why, PrintStream out, PrintStream err) {
        Optional<DemoUser> demo = DemoOrg.user(userId);
        if (demo.isEmpty()) {
            err.println(
                    why
                            + ", so the users table cannot be asked for "
                            + userId
                            + "; only demo users get a token then (start the cloud with"
                            + " `crm-local serve`, stage dev, or pass --port N)");
            return FAILED;
        }
        err.println(why + "; minted from the built-in demo org");
        out.println(DevTokens.fromEnvironment(AppClock.SHARED).mint(demo.get()));
        return OK;
    }

    /** GET /_local/token on the cloud; empty when nothing answers there. */
    private static Optional<HttpResponse<String>> askForToken(URI cloud, String userId) {
        HttpRequest request =
                HttpRequest.newBuilder(
                                cloud.resolve(
                                        "/_local/token?user="
                                                + URLEncoder.encode(
                                                        userId, StandardCharsets.UTF_8)))
                        .timeout(ASK_TIMEOUT)
                        .GET()
                        .build();
        // a one-shot command: the client lives as long as the process
        HttpClient client = HttpClient.newBuilder().connectTimeout(ASK_TIMEOUT).build();
        try {
            return Optional.of(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException nothingThere) {
            return Optional.empty();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static JsonNode parsed(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException notJson) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private static Optional<Integer> port(String text) {
        try {
            int port = Integer.parseInt(text);
            return port > 0 && port < 65_536 ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    /**
     * Creates the first ADMIN of an org, whose id is their identity provider's subject (the Cognito
     * {@code sub}); every other user is then created through the API by an admin.
     */
    static int bootstrapAdmin(
            String userId, String name, RuntimeEnvironment env, PrintStream out, PrintStream err) {
        Instant now = Instant.now();
        User admin =
                User.newActive(
                        userId,
                        UserProfile.withDefaultLoad(name, null, Role.ADMIN, null, null, null),
                        now);
        try (DynamoDbClient dynamo = DynamoClients.dynamo(env)) {
            UserStore users =
                    new UserStore(
                            DynamoClients.enhanced(dynamo),
                            env.require(RuntimeEnvironment.USERS_TABLE));
            if (users.insert(
                            admin,
                            new WriteStamp(
                                    "system:bootstrap", "bootstrap-" + now, "127.0.0.1", now))
                    .isEmpty()) {
                err.println("user " + userId + " already exists; nothing changed");
                return FAILED;
            }
        }
        out.println(
                "created ADMIN "
                        + userId
                        + " ("
                        + name
                        + ") in "
                        + env.require(RuntimeEnvironment.USERS_TABLE));
        return OK;
    }

    private static int serve(List<String> flags) throws Exception {
        Optional<LocalCloudOptions> options = parseServe(flags);
        if (options.isEmpty()) {
            System.err.println(HELP);
            return USAGE;
        }
        LocalCloud cloud = LocalCloud.start(options.get());
        CountDownLatch stopped = new CountDownLatch(1);
        // DynamoDB Local leaves non-daemon threads: without this the JVM would never exit.
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    cloud.close();
                                    stopped.countDown();
                                },
                                "crm-local-shutdown"));
        System.out.println("ready; Ctrl+C stops");
        stopped.await();
        return OK;
    }

    static Optional<LocalCloudOptions> parseServe(List<String> flags) {
        Optional<LocalCloudOptions> options = Optional.of(LocalCloudOptions.defaults());
        for (int i = 0; i < flags.size(); i++) {
            String flag = flags.get(i);
            boolean valueFollows = SERVE_VALUES.containsKey(flag) && i + 1 < flags.size();
            if (SERVE_SWITCHES.containsKey(flag)) {
                options = options.map(SERVE_SWITCHES.get(flag));
            } else if (valueFollows) {
                String value = flags.get(++i);
                options = options.flatMap(parsed -> SERVE_VALUES.get(flag).apply(parsed, value));
            } else {
                return Optional.empty();
            }
        }
        return options;
    }
}
