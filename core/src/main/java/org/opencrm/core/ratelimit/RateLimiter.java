package org.opencrm.core.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.opencrm.core.runtime.LruCache;
import org.opencrm.core.store.Keys;

/**
 * Request budgets per caller (issue 18 item 5): a token bucket per user on the API and per channel
 * on the lead webhooks, shared by every container through DynamoDB. An admitted request costs one
 * conditional write (two when another container moved the bucket since this one last saw it).
 *
 * <p>Each container remembers the last state it saw of each bucket. A bucket's TAT only ever grows,
 * so when the remembered state already refuses, the request is refused without a write: a flood
 * hitting one container costs one write, not one per request.
 */
public final class RateLimiter {

    /** Refreshed this often: a change of {@code rateLimits} applies within it. */
    public static final Duration SETTINGS_MAX_AGE = Duration.ofSeconds(10);

    static final String USER_RULE = "userRequestsPerSecond";
    static final String CHANNEL_RULE = "channelDeliveriesPerSecond";
    private static final int REMEMBERED_BUCKETS = 10_000;
    // a lost race re-reads the bucket; three losses in a row mean the bucket is at its limit
    private static final int ATTEMPTS = 3;
    // kept past the moment it is full again, so a quiet client's next request starts afresh
    private static final Duration KEEP_AFTER_FULL = Duration.ofHours(1);

    private final RateLimitStore store;
    private final Supplier<RateLimits> limits;
    private final Clock clock;
    private final LruCache<String, Long> lastSeen = new LruCache<>(REMEMBERED_BUCKETS);

    public RateLimiter(RateLimitStore store, Supplier<RateLimits> limits, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.clock = clock;
    }

    /** The budgets now in force (read through their cache, so a later charge finds them there). */
    public RateLimits limits() {
        return limits.get();
    }

    /** Charges the user's budget; throws {@link RateLimitedException} when it is spent. */
    public void admitUser(String userId) {
        Budget budget = limits.get().user();
        admit(
                Keys.userBudget(userId),
                budget,
                USER_RULE,
                "user " + userId + " sent more than " + describe(budget, "requests"));
    }

    /** Charges the webhook channel's budget; throws {@link RateLimitedException} when spent. */
    public void admitChannel(String channel) {
        Budget budget = limits.get().channel();
        admit(
                Keys.channelBudget(channel),
                budget,
                CHANNEL_RULE,
                "channel " + channel + " sent more than " + describe(budget, "deliveries"));
    }

    private void admit(String key, Budget budget, String rule, String why) {
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
        Long tat = remembered(key);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            TokenBucket.Decision decision = TokenBucket.decide(tat, now, budget);
            if (!decision.admitted()) {
                throw refused(why, rule, budget, decision.retryAfterSeconds());
            }
            RateLimitStore.Charge charge = charge(key, tat, now, budget);
            remember(key, charge.tat());
            if (charge.written()) {
                return;
            }
            tat = charge.tat();
        }
        throw refused(why, rule, budget, 1);
    }

    private RateLimitStore.Charge charge(String key, Long tat, long now, Budget budget) {
        long latestAllowed = now + budget.toleranceMicros();
        long expiresAt =
                Instant.EPOCH
                        .plus(latestAllowed + budget.intervalMicros(), ChronoUnit.MICROS)
                        .plus(KEEP_AFTER_FULL)
                        .getEpochSecond();
        if (TokenBucket.inDebt(tat, now)) {
            return store.chargeAhead(key, now, budget.intervalMicros(), latestAllowed, expiresAt);
        }
        return store.chargeCaughtUp(key, now, budget.intervalMicros(), expiresAt);
    }

    private Long remembered(String key) {
        return lastSeen.find(key).orElse(null);
    }

    private void remember(String key, Long tat) {
        if (tat == null) {
            lastSeen.remove(key);
        } else {
            lastSeen.put(key, tat);
        }
    }

    private static RateLimitedException refused(
            String why, String rule, Budget budget, long retryAfterSeconds) {
        return new RateLimitedException(
                "rate limited: " + why + "; retry after " + retryAfterSeconds + " s (Retry-After)",
                rule,
                budget,
                retryAfterSeconds);
    }

    private static String describe(Budget budget, String what) {
        return budget.perSecond() + " " + what + " a second (bursts of " + budget.burst() + ")";
    }
}
