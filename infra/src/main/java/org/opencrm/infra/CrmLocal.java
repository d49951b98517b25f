package org.opencrm.infra;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
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
 *   <li>{@code serve [--port N] [--in-memory] [--data DIR] [--demo]}: run template.yaml of the
 *       working directory
 *   <li>{@code token USER_ID}: print a dev ID token for a demo user
 *   <li>{@code bootstrap-admin USER_ID NAME}: create the first admin of a deployed stack
 * </ul>
 */
public final class CrmLocal {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String HELP =
            """
            usage: crm-local serve [--port N] [--in-memory] [--data DIR] [--demo]
                   crm-local token USER_ID
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
            return token(args[1], out, err);
        }
        if (args.length == 3 && args[0].equals("bootstrap-admin")) {
            return bootstrapAdmin(args[1], args[2], RuntimeEnvironment.current(), out, err);
        }
        err.println(HELP);
        return USAGE;
    }

    private static int token(String userId, PrintStream out, PrintStream err) {
        Optional<DemoUser> user = DemoOrg.user(userId);
        if (user.isEmpty()) {
            err.println("unknown demo user " + userId + "\n" + HELP);
            return USAGE;
        }
        out.println(DevTokens.fromEnvironment(AppClock.SHARED).mint(user.get()));
        return OK;
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
        LocalCloudOptions options = LocalCloudOptions.defaults();
        for (int i = 0; i < flags.size(); i++) {
            String flag = flags.get(i);
            boolean hasValue = i + 1 < flags.size();
            switch (flag) {
                case "--in-memory" -> options = options.withInMemory(true);
                case "--demo" -> options = options.withDemo(true);
                case "--port" -> {
                    if (!hasValue) {
                        return Optional.empty();
                    }
                    options = options.withPort(Integer.parseInt(flags.get(++i)));
                }
                case "--data" -> {
                    if (!hasValue) {
                        return Optional.empty();
                    }
                    options = options.withDataDir(Path.of(flags.get(++i)));
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(options);
    }
}
