package org.opencrm.core.ratelimit;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.error.FieldProblem;

/**
 * Request budgets (issue 18 item 5), run-time configuration {@code rateLimits}: a token bucket per
 * signed-in user on the API and one per lead webhook channel. A bucket holds {@code burst} tokens
 * and refills at the per-second rate, so a client may send a burst and then keep to the rate.
 *
 * @param userRequestsPerSecond a user's sustained API request rate
 * @param userBurst how many API requests a user may send at once after a quiet spell
 * @param channelDeliveriesPerSecond a webhook channel's sustained delivery rate
 * @param channelBurst how many deliveries a channel may send at once
 */
public record RateLimits(
        int userRequestsPerSecond,
        int userBurst,
        int channelDeliveriesPerSecond,
        int channelBurst) {

    public static final String NAME = "rateLimits";

    /** A microsecond between tokens at most: finer than the store keeps time. */
    public static final int MAX_PER_SECOND = 100_000;

    public static final int MAX_BURST = 1_000_000;

    /**
     * A person on a phone sends a screen's few requests at a time: 20 a second with bursts of 60
     * leaves every real client room and stops a script. An ad platform pushes deliveries in bursts.
     */
    public static final ConfigDefinition<RateLimits> DEFINITION =
            new ConfigDefinition<>(
                    NAME, RateLimits.class, new RateLimits(20, 60, 50, 200), RateLimits::problems);

    public Budget user() {
        return new Budget(userRequestsPerSecond, userBurst);
    }

    public Budget channel() {
        return new Budget(channelDeliveriesPerSecond, channelBurst);
    }

    private static List<FieldProblem> problems(RateLimits limits) {
        return Stream.of(
                        ConfigDefinition.outOfRange(
                                "userRequestsPerSecond",
                                limits.userRequestsPerSecond(),
                                1,
                                MAX_PER_SECOND),
                        ConfigDefinition.outOfRange("userBurst", limits.userBurst(), 1, MAX_BURST),
                        ConfigDefinition.outOfRange(
                                "channelDeliveriesPerSecond",
                                limits.channelDeliveriesPerSecond(),
                                1,
                                MAX_PER_SECOND),
                        ConfigDefinition.outOfRange(
                                "channelBurst", limits.channelBurst(), 1, MAX_BURST))
                .flatMap(Optional::stream)
                .toList();
    }
}
