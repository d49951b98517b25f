package org.opencrm.core.ratelimit;

/**
 * One token bucket's shape: {@code perSecond} tokens a second, at most {@code burst} held.
 *
 * <p>Kept as GCRA (the generic cell rate algorithm, a token bucket written as one number): each
 * request moves the bucket's "theoretical arrival time" one {@link #intervalMicros()} later; a
 * request is admitted while that time is at most {@link #toleranceMicros()} ahead of now.
 */
public record Budget(int perSecond, int burst) {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    public Budget {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException(
                    "a budget needs a positive rate and burst, got " + perSecond + "/" + burst);
        }
    }

    /** The time one token stands for. */
    public long intervalMicros() {
        return Math.max(1, MICROS_PER_SECOND / perSecond);
    }

    /** How far ahead of now the bucket may run: burst − 1 tokens. */
    public long toleranceMicros() {
        return (burst - 1L) * intervalMicros();
    }
}
