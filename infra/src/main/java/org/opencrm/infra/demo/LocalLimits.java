package org.opencrm.infra.demo;

import java.time.Clock;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.config.ConfigStore;
import org.opencrm.core.ratelimit.RateLimits;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.TableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The local cloud's request budgets (issue 18): a fresh data directory gets {@code rateLimits}
 * version 1 with room for the demo load, the test suites and the benches, which send hundreds of
 * requests a second as one user; the deployed default (20 a second, bursts of 60) would refuse
 * them. Written through the configuration service like any admin's change, so it is in the history
 * and the audit trail; left alone once any version exists (a developer's own setting stays). To try
 * the real limits locally: {@code rollbackConfig} or {@code setConfiguration(name: "rateLimits")}.
 */
public final class LocalLimits {

    static final RateLimits LOCAL = new RateLimits(10_000, 100_000, 10_000, 100_000);
    private static final String ACTOR = "system:local-cloud";

    private LocalLimits() {}

    /** Returns whether the local limits were written now. */
    public static boolean apply(DynamoDbClient dynamo, TableNames tables, Clock clock) {
        ConfigService config =
                new ConfigService(
                        new ConfigStore(DynamoClients.enhanced(dynamo), tables),
                        clock,
                        CoreServices.CONFIGURATIONS);
        if (config.get(RateLimits.NAME).version() > 0) {
            return false;
        }
        config.set(
                RateLimits.NAME,
                0,
                RateLimits.DEFINITION.toJson(LOCAL),
                "local cloud: room for the demo load, the tests and the benches; the deployed"
                        + " default is 20 requests a second, bursts of 60",
                Caller.builder()
                        .userId(ACTOR)
                        .role(Role.ADMIN)
                        .requestId("local-limits-" + clock.instant())
                        .sourceIp("127.0.0.1")
                        .build());
        return true;
    }
}
