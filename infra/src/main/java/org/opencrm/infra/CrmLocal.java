package org.opencrm.infra;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.auth.DemoOrg.DemoUser;
import org.opencrm.infra.auth.DevTokens;

/**
 * {@code java -jar infra/target/crm-local.jar <command>}:
 * <ul>
 *   <li>{@code serve [--port N] [--in-memory] [--data DIR] [--demo]}: run template.yaml of the working directory</li>
 *   <li>{@code token USER_ID}: print a dev ID token for a demo user</li>
 * </ul>
 */
public final class CrmLocal {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String HELP = """
            usage: crm-local serve [--port N] [--in-memory] [--data DIR] [--demo]
                   crm-local token USER_ID
            demo users: """ + String.join(", ", DemoOrg.USERS.stream().map(DemoUser::id).toList());

    private CrmLocal() {
    }

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

    private static int serve(List<String> flags) throws Exception {
        Optional<LocalCloudOptions> options = parseServe(flags);
        if (options.isEmpty()) {
            System.err.println(HELP);
            return USAGE;
        }
        LocalCloud cloud = LocalCloud.start(options.get());
        CountDownLatch stopped = new CountDownLatch(1);
        // DynamoDB Local leaves non-daemon threads: without this the JVM would never exit.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cloud.close();
            stopped.countDown();
        }, "crm-local-shutdown"));
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
