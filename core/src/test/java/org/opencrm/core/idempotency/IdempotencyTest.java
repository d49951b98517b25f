package org.opencrm.core.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.time.AppClock;

/** Idempotency keys on DynamoDB Local. */
class IdempotencyTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final AtomicInteger pauses = new AtomicInteger();
    private final Idempotency idempotency =
            new Idempotency(
                    new IdempotencyStore(dynamo.client(), dynamo.tables()),
                    clock,
                    pause -> pauses.incrementAndGet());
    private final String user = "idem-" + UUID.randomUUID();
    private final AtomicInteger runs = new AtomicInteger();

    private Idempotency.Result work() {
        int run = runs.incrementAndGet();
        return Idempotency.Result.kept(new Idempotency.Answer(200, "{\"run\":" + run + "}"));
    }

    @Test
    void aRepeatedKey_getsTheFirstAnswer_andRunsNothing() {
        Idempotency.Outcome first = idempotency.onceForUser(user, "key-1", "request-a", this::work);
        Idempotency.Outcome again = idempotency.onceForUser(user, "key-1", "request-a", this::work);

        assertEquals(1, runs.get());
        assertFalse(first.replayed());
        assertTrue(again.replayed());
        assertEquals(first.answer(), again.answer());
    }

    @Test
    void keysAreEachUsersOwn() {
        idempotency.onceForUser(user, "shared-key", "request-a", this::work);
        Idempotency.Outcome otherUser =
                idempotency.onceForUser(user + "-2", "shared-key", "request-b", this::work);

        assertEquals(2, runs.get());
        assertFalse(otherUser.replayed());
    }

    @Test
    void theSameKey_withAnotherRequest_isRefused_namingTheHeader() {
        idempotency.onceForUser(user, "key-2", "request-a", this::work);

        IdempotencyKeyReusedException reused =
                assertThrows(
                        IdempotencyKeyReusedException.class,
                        () -> idempotency.onceForUser(user, "key-2", "request-b", this::work));

        assertEquals("Idempotency-Key", reused.details().get("field"));
        assertEquals(1, runs.get());
    }

    @Test
    void aRepeatWhileTheFirstRuns_waitsBriefly_thenIsToldToRetry() {
        // GIVEN the first request, still running, when its repeat arrives
        IdempotencyInProgressException[] running = new IdempotencyInProgressException[1];
        idempotency.onceForUser(
                user,
                "key-3",
                "request-a",
                () -> {
                    running[0] =
                            assertThrows(
                                    IdempotencyInProgressException.class,
                                    () ->
                                            idempotency.onceForUser(
                                                    user, "key-3", "request-a", this::work));
                    return work();
                });

        // THEN the repeat waited (ten polls of 100 ms), ran nothing, and says when to retry
        assertEquals(10, pauses.get());
        assertEquals(1, runs.get());
        assertEquals(1L, running[0].retryAfterSeconds());
    }

    @Test
    void aFailureWorthRetrying_givesTheKeyUp_soTheRetryRuns() {
        idempotency.onceForUser(
                user,
                "key-4",
                "request-a",
                () ->
                        Idempotency.Result.retryable(
                                new Idempotency.Answer(200, "{\"internal\":1}")));

        Idempotency.Outcome retry = idempotency.onceForUser(user, "key-4", "request-a", this::work);

        assertFalse(retry.replayed());
        assertEquals(1, runs.get());
    }

    @Test
    void aThrownFailure_givesTheKeyUp_too() {
        assertThrows(
                IllegalStateException.class,
                () ->
                        idempotency.onceForUser(
                                user,
                                "key-5",
                                "request-a",
                                () -> {
                                    throw new IllegalStateException("boom");
                                }));

        assertFalse(idempotency.onceForUser(user, "key-5", "request-a", this::work).replayed());
    }

    @Test
    void aClaimAbandonedByADeadFunction_isTakenOver_afterItGoesStale() {
        // GIVEN a claim whose run never finished (its function timed out)
        IdempotencyStore store = new IdempotencyStore(dynamo.client(), dynamo.tables());
        String key = org.opencrm.core.store.Keys.idempotencyKey(user, "key-6");
        store.claim(
                key,
                "request-a",
                "dead-run",
                clock.instant(),
                clock.instant().minus(Idempotency.STALE_AFTER),
                clock.instant().plus(Idempotency.KEEP));

        // WHEN the client retries past the stale time
        clock.advance(Idempotency.STALE_AFTER.plus(Duration.ofSeconds(1)));
        Idempotency.Outcome retry = idempotency.onceForUser(user, "key-6", "request-a", this::work);

        // THEN it runs
        assertFalse(retry.replayed());
        assertEquals(1, runs.get());
    }

    @Test
    void aKeyPastItsDay_isForgotten() {
        idempotency.onceForUser(user, "key-7", "request-a", this::work);

        clock.advance(Idempotency.KEEP.plus(Duration.ofMinutes(1)));

        assertFalse(idempotency.onceForUser(user, "key-7", "request-b", this::work).replayed());
        assertEquals(2, runs.get());
    }

    @Test
    void aKeyWithSpacesOrTooLong_isBadInput_namingTheHeaderAndRule() {
        ValidationException spaces =
                assertThrows(
                        ValidationException.class,
                        () -> idempotency.onceForUser(user, "two words", "r", this::work));
        ValidationException tooLong =
                assertThrows(
                        ValidationException.class,
                        () -> idempotency.onceForUser(user, "k".repeat(256), "r", this::work));

        assertEquals("Idempotency-Key", spaces.problems().get(0).field());
        assertEquals("pattern", spaces.problems().get(0).rule());
        assertEquals("maxLength", tooLong.problems().get(0).rule());
        assertEquals(255, tooLong.problems().get(0).limit());
        assertEquals(0, runs.get());
    }
}
