package org.opencrm.core.ratelimit;

/**
 * The token bucket's decision, pure: from the bucket's theoretical arrival time (TAT, in epoch
 * microseconds; null for a bucket never used or cleaned up) and now, whether a request is admitted
 * and where the TAT moves, or how long until it would be.
 */
public final class TokenBucket {

    private TokenBucket() {}

    /**
     * @param admitted whether the request may run
     * @param nextTat the TAT once it ran (admitted only)
     * @param waitMicros how long until a request would be admitted (refused only)
     */
    public record Decision(boolean admitted, long nextTat, long waitMicros) {

        /** Whole seconds to wait, rounded up, at least 1: the {@code Retry-After} value. */
        public long retryAfterSeconds() {
            return Math.max(1, (waitMicros + 999_999) / 1_000_000);
        }
    }

    public static Decision decide(Long tat, long nowMicros, Budget budget) {
        long start = tat == null ? nowMicros : Math.max(tat, nowMicros);
        long ahead = start - nowMicros;
        if (ahead > budget.toleranceMicros()) {
            return new Decision(false, start, ahead - budget.toleranceMicros());
        }
        return new Decision(true, start + budget.intervalMicros(), 0);
    }

    /** Whether the bucket has run ahead of now: its next charge adds to the TAT it holds. */
    public static boolean inDebt(Long tat, long nowMicros) {
        return tat != null && tat > nowMicros;
    }
}
