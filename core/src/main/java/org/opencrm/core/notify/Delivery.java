package org.opencrm.core.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * One channel's delivery of one notification: its status and attempts.
 *
 * @param channel INBOX, WECOM, DINGTALK, FEISHU, WEBHOOK or SMS
 * @param nextAttemptAt when a FAILED delivery is tried again; null when it will not be
 */
public record Delivery(
        String channel,
        Status status,
        int attempts,
        Instant lastAttemptAt,
        Instant nextAttemptAt,
        String reason) {

    public enum Status {
        PENDING,
        SENDING,
        SENT,
        FAILED
    }

    /** How long a claimed attempt may take before the retry schedule treats it as failed. */
    public static final Duration LEASE = Duration.ofSeconds(60);

    public static Delivery pending(String channel) {
        return new Delivery(channel, Status.PENDING, 0, null, null, null);
    }

    public static Delivery sent(String channel, Instant at) {
        return new Delivery(channel, Status.SENT, 1, at, null, null);
    }

    public static Delivery failedForGood(String channel, String reason, Instant at) {
        return pending(channel).refused(reason, at);
    }

    /**
     * Due for an attempt now: new, failed with a retry due, or claimed by an attempt that never
     * reported back.
     */
    public boolean due(Instant now) {
        return switch (status) {
            case PENDING -> nextAttemptAt == null || !nextAttemptAt.isAfter(now);
            case FAILED -> nextAttemptAt != null && !nextAttemptAt.isAfter(now);
            case SENDING -> lastAttemptAt != null && !lastAttemptAt.plus(LEASE).isAfter(now);
            case SENT -> false;
        };
    }

    /** Held back (quiet hours) until {@code until}; not an attempt. */
    public Delivery heldUntil(Instant until, String why) {
        return new Delivery(channel, Status.PENDING, attempts, lastAttemptAt, until, why);
    }

    /** Refused for good (e.g. a daily cap): no retry. */
    public Delivery refused(String why, Instant at) {
        return new Delivery(channel, Status.FAILED, attempts, at, null, why);
    }

    public Delivery sending(Instant at) {
        return new Delivery(channel, Status.SENDING, attempts + 1, at, null, reason);
    }

    public Delivery succeeded(Instant at) {
        return new Delivery(channel, Status.SENT, attempts, at, null, null);
    }

    /** Failed: retried after firstRetry × 2^(attempts−1), until maxAttempts. */
    public Delivery failed(String why, Instant at, Duration firstRetry, int maxAttempts) {
        Instant next =
                attempts >= maxAttempts
                        ? null
                        : at.plus(firstRetry.multipliedBy(1L << Math.min(20, attempts - 1)));
        return new Delivery(channel, Status.FAILED, attempts, at, next, why);
    }
}
