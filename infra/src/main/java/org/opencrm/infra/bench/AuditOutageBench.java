package org.opencrm.infra.bench;

import java.nio.file.Path;
import java.time.Duration;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;

/**
 * The audit fault scenario at full size (issue 12, R-30): the audit table refuses writes for two
 * simulated hours while 5,000 changes happen (1,000 customers created and updated four times);
 * prints how many versions have 0, 1, 2… audit rows and the wall times. See {@link AuditOutage}.
 *
 * <pre>
 * java -cp infra/target/crm-local.jar org.opencrm.infra.bench.AuditOutageBench [customers]
 * </pre>
 *
 * Run from the project root. Exits 0 when every version has exactly one row, 1 when not.
 */
public final class AuditOutageBench {

    private static final int UPDATES_EACH = 4;

    private AuditOutageBench() {}

    public static void main(String[] args) {
        BenchExit.afterClosing(() -> measure(args));
    }

    private static void measure(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        AuditOutage.Result result;
        // the start-up log to stderr, the figures to stdout
        LocalCloud cloud =
                LocalCloud.start(
                        LocalCloudOptions.forTests(Path.of("template.yaml").toAbsolutePath()),
                        System.err);
        try {
            result =
                    new AuditOutage(cloud)
                            .run(
                                    new AuditOutage.Plan(
                                            customers,
                                            UPDATES_EACH,
                                            AuditOutage.TWO_HOURS,
                                            Duration.ofMinutes(5)));
        } finally {
            cloud.close();
        }
        System.out.printf(
                "changes during a %s audit-table outage: %d%n"
                        + "versions by number of audit rows: %s%n"
                        + "writing the changes: %.1f s; rows complete %.1f s after the table returned%n",
                AuditOutage.TWO_HOURS,
                result.changes(),
                result.rowsByVersionCount(),
                result.writeSeconds(),
                result.catchUpSeconds());
        if (!result.complete()) {
            throw new IllegalStateException(
                    "audit rows missing or doubled: " + result.rowsByVersionCount());
        }
    }
}
