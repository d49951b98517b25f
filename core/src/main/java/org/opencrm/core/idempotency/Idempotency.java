package org.opencrm.core.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.opencrm.core.store.JsonText;
import org.opencrm.core.store.Keys;

/**
 * Done once per key (issue 18 item 6): a mutation retried with the same {@code Idempotency-Key}, a
 * webhook delivery sent again with the same delivery id. The first request claims the key, runs,
 * and keeps its answer for {@link #KEEP}; a repeat gets that answer again and runs nothing. The
 * same key with a different request is refused ({@code IDEMPOTENCY_KEY_REUSED}). A repeat arriving
 * while the first still runs waits up to {@link #WAIT_FOR_FIRST} for its answer, then is told to
 * retry ({@code IDEMPOTENCY_IN_PROGRESS}, HTTP 409).
 *
 * <p>A run whose function died (timed out) leaves its claim running: after {@link #STALE_AFTER},
 * longer than any function may run, a repeat takes the key over and runs. A run that fails in a way
 * worth retrying (an internal error, nothing storable) gives the key up, so the retry runs afresh.
 */
public final class Idempotency {

    public static final Duration KEEP = Duration.ofHours(24);

    /** Longer than a function's timeout (template.yaml: 29 s): a claim this old was abandoned. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(60);

    public static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Logger LOG = Logger.getLogger(Idempotency.class.getName());

    /** An HTTP answer as sent: status and body. */
    public record Answer(int status, String body) {}

    /**
     * What a run produced.
     *
     * @param keep false for an answer the client should retry for real (the key is given up)
     */
    public record Result(Answer answer, boolean keep) {
        public static Result kept(Answer answer) {
            return new Result(answer, true);
        }

        public static Result retryable(Answer answer) {
            return new Result(answer, false);
        }
    }

    /** The answer to send, and whether it is a replay of the first request's. */
    public record Outcome(Answer answer, boolean replayed) {}

    /** How a repeat waits for the first run; tests pass one that only advances their clock. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration pause) throws InterruptedException;
    }

    private final IdempotencyStore store;
    private final Clock clock;
    private final Pause pause;

    public Idempotency(IdempotencyStore store, Clock clock) {
        this(store, clock, pause -> Thread.sleep(pause.toMillis()));
    }

    Idempotency(IdempotencyStore store, Clock clock, Pause pause) {
        this.store = store;
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * Runs a user's request once per {@code Idempotency-Key}; keys are the user's own.
     *
     * @param fingerprint the request's identity (a hash of what it asks), compared on repeats
     */
    public Outcome onceForUser(
            String userId, String key, String fingerprint, Supplier<Result> work) {
        return once(
                Keys.idempotencyKey(userId, IdempotencyKeys.requireKey(key)),
                IdempotencyKeys.HEADER,
                fingerprint,
                work);
    }

    /**
     * Runs a webhook delivery once per channel and delivery id.
     *
     * @param field the header the id came in, for messages
     */
    public Outcome onceForDelivery(
            String channel,
            String deliveryId,
            String field,
            String fingerprint,
            Supplier<Result> work) {
        return once(Keys.webhookDelivery(channel, deliveryId), field, fingerprint, work);
    }

    private Outcome once(String key, String field, String fingerprint, Supplier<Result> work) {
        String claimId = UUID.randomUUID().toString();
        // counted in polls, not read off the clock: a test's clock may stand still
        long polls = WAIT_FOR_FIRST.toMillis() / POLL.toMillis();
        for (int poll = 0; ; poll++) {
            Instant now = clock.instant();
            Optional<IdempotencyStore.Claim> held =
                    store.claim(
                            key, fingerprint, claimId, now, now.minus(STALE_AFTER), now.plus(KEEP));
            if (held.isEmpty()) {
                return new Outcome(run(key, claimId, work), false);
            }
            IdempotencyStore.Claim claim = held.get();
            if (!claim.fingerprint().equals(fingerprint)) {
                throw new IdempotencyKeyReusedException(field);
            }
            if (claim.done()) {
                return new Outcome(claim.answer().orElseThrow(), true);
            }
            if (poll >= polls) {
                throw new IdempotencyInProgressException(field, 1);
            }
            waitBriefly(field);
        }
    }

    private Answer run(String key, String claimId, Supplier<Result> work) {
        Result result;
        try {
            result = work.get();
        } catch (RuntimeException failed) {
            store.release(key, claimId);
            throw failed;
        }
        if (!result.keep()) {
            store.release(key, claimId);
            return result.answer();
        }
        if (!store.complete(key, claimId, result.answer(), clock.instant().plus(KEEP))) {
            LOG.warning("the claim of " + key + " was taken over before its answer was kept");
        }
        return result.answer();
    }

    private void waitBriefly(String field) {
        try {
            pause.pause(POLL);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            throw new IdempotencyInProgressException(field, 1);
        }
    }

    /** What a repeat gets when the first answer was too large to keep. */
    static String tooLargeToKeep(Answer answer) {
        return JsonText.write(
                Map.of(
                        "errors",
                        List.of(
                                Map.of(
                                        "message",
                                        "the first request with this key was done, but its answer ("
                                                + answer.body().length()
                                                + " characters) was too large to keep: read the"
                                                + " result with a query",
                                        "extensions",
                                        Map.of(
                                                "code",
                                                "IDEMPOTENCY_KEY_REUSED",
                                                "rule",
                                                "answerKept")))));
    }
}
