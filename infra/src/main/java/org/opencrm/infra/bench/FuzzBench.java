package org.opencrm.infra.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.auth.DevTokens;
import org.opencrm.infra.fuzz.FuzzRun;

/**
 * The fuzz run of {@code FuzzEndToEndTest}, as long as wanted: starts a local cloud in memory,
 * sends N generated requests from the seed (the same generator as the test), prints the summary and
 * every finding, and exits 1 when there is any (a 5xx, INTERNAL, a stack frame or class name in an
 * answer, or a dead letter).
 *
 * <pre>
 * java -cp infra/target/crm-local.jar org.opencrm.infra.bench.FuzzBench [requests=20000] [seed=182026]
 * </pre>
 */
public final class FuzzBench {

    private FuzzBench() {}

    public static void main(String[] args) {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 18_2026L;
        BenchExit.afterClosing(() -> fuzz(requests, seed));
    }

    private static void fuzz(int requests, long seed) throws Exception {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        try (LocalCloud cloud =
                LocalCloud.start(
                        LocalCloudOptions.forTests(Path.of("template.yaml").toAbsolutePath()),
                        quiet)) {
            DevTokens tokens = DevTokens.fromEnvironment(AppClock.SHARED);
            FuzzRun.Target target =
                    new FuzzRun.Target(
                            cloud.baseUrl(),
                            tokens.mint(DemoOrg.ADMIN),
                            tokens.mint(DemoOrg.REP_A1),
                            cloud.s3Endpoint(),
                            cloud.bucketName("FilesBucket"));
            FuzzRun.Report report = FuzzRun.run(target, seed, requests);
            report.print(System.out);
            Path deadLetters = cloud.deadLetterFile();
            String dead = Files.exists(deadLetters) ? Files.readString(deadLetters).strip() : "";
            if (!dead.isEmpty()) {
                System.out.println("  DEAD LETTERS:\n" + dead);
            }
            if (!report.clean() || !dead.isEmpty()) {
                throw new IllegalStateException("the fuzz run found what it must not");
            }
        }
    }
}
