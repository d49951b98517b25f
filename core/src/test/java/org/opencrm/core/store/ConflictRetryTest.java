package org.opencrm.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.VersionConflictException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The one retry-on-conflict policy, with pauses recorded instead of slept. */
class ConflictRetryTest {

    private final List<Duration> pauses = new ArrayList<>();
    private final ConflictRetry retry = new ConflictRetry(pauses::add);

    private static TransactionCanceledException cancelledBy(String... codes) {
        List<CancellationReason> reasons = new ArrayList<>();
        for (String code : codes) {
            reasons.add(CancellationReason.builder().code(code).build());
        }
        return TransactionCanceledException.builder()
                .message("cancelled")
                .cancellationReasons(reasons)
                .build();
    }

    @Test
    void run_returnsTheFirstAttemptsResult_withoutPausing() {
        // GIVEN an attempt that wins at once
        // WHEN it runs
        String result = retry.run(attempt -> "written on attempt " + attempt);

        // THEN it ran once and never paused
        assertEquals("written on attempt 1", result);
        assertEquals(List.of(), pauses);
    }

    @Test
    void run_triesAgain_afterEachKindOfConflict_untilAnAttemptWins() {
        // GIVEN attempts that lose a version check, a race and a transaction conflict, then win
        List<RuntimeException> conflicts =
                List.of(
                        new VersionConflictException("c-1", 3, 4),
                        new LostRace("lead l-1 changed"),
                        cancelledBy("None", "TransactionConflict"));

        // WHEN they run
        int winner =
                retry.run(
                        attempt -> {
                            if (attempt <= conflicts.size()) {
                                throw conflicts.get(attempt - 1);
                            }
                            return attempt;
                        });

        // THEN the fourth attempt's result comes back, after one pause per conflict
        assertEquals(4, winner);
        assertEquals(3, pauses.size());
    }

    @Test
    void run_givesUpAfterTheLimit_throwingTheLastConflict() {
        // GIVEN attempts that always lose, each with a conflict of its own
        List<LostRace> thrown = new ArrayList<>();

        // WHEN they run
        LostRace last =
                assertThrows(
                        LostRace.class,
                        () ->
                                retry.run(
                                        attempt -> {
                                            LostRace lost = new LostRace("attempt " + attempt);
                                            thrown.add(lost);
                                            throw lost;
                                        }));

        // THEN exactly the limit of attempts ran, and the last one's conflict is thrown
        assertEquals(ConflictRetry.ATTEMPTS, thrown.size());
        assertSame(thrown.get(thrown.size() - 1), last);
        assertEquals(ConflictRetry.ATTEMPTS - 1, pauses.size());
    }

    @Test
    void run_pausesGrowExponentially_eachWithinItsJitterBounds() {
        // GIVEN attempts that always lose
        // WHEN they run to the limit
        assertThrows(
                LostRace.class,
                () ->
                        retry.run(
                                attempt -> {
                                    throw new LostRace("attempt " + attempt);
                                }));

        // THEN pause k lies within JITTER of min(FIRST_PAUSE * 2^(k-1), LONGEST_PAUSE)
        BackoffBounds.assertEachWithinJitter(pauses);
    }

    @Test
    void run_jittersItsPauses_soRacersDoNotRetryInLockstep() {
        // GIVEN many runs that each lose once, then win
        Set<Duration> firstPauses = new HashSet<>();
        for (int run = 0; run < 20; run++) {
            pauses.clear();
            retry.run(
                    attempt -> {
                        if (attempt == 1) {
                            throw new LostRace("first attempt");
                        }
                        return attempt;
                    });
            firstPauses.add(pauses.get(0));
        }

        // THEN their first pauses differ (twenty equal draws of a continuous jitter do not happen)
        assertTrue(firstPauses.size() > 1, "every first pause was " + firstPauses);
    }

    @Test
    void run_doesNotRetry_anErrorThatIsNoConflict() {
        // GIVEN an attempt that fails for another reason than a lost race
        AtomicInteger attempts = new AtomicInteger();
        IllegalStateException broken = new IllegalStateException("table missing");

        // WHEN it runs
        IllegalStateException thrown =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                retry.run(
                                        attempt -> {
                                            attempts.incrementAndGet();
                                            throw broken;
                                        }));

        // THEN it ran once, unpaused, and its own failure comes back
        assertSame(broken, thrown);
        assertEquals(1, attempts.get());
        assertEquals(List.of(), pauses);
    }

    @Test
    void run_doesNotRetry_aTransactionWhoseConditionFailed() {
        // GIVEN a transaction cancelled by a failed condition (a duplicate), beside a conflict
        AtomicInteger attempts = new AtomicInteger();
        TransactionCanceledException duplicate =
                cancelledBy("TransactionConflict", "ConditionalCheckFailed");

        // WHEN it runs
        assertThrows(
                TransactionCanceledException.class,
                () ->
                        retry.run(
                                attempt -> {
                                    attempts.incrementAndGet();
                                    throw duplicate;
                                }));

        // THEN sending it again cannot help, so it is not sent again
        assertEquals(1, attempts.get());
    }

    @Test
    void run_givesUpAtOnce_whenItsPauseIsInterrupted_keepingTheInterrupt() {
        // GIVEN a run whose pause is interrupted (the container is shutting down)
        ConflictRetry stopping =
                new ConflictRetry(
                        pause -> {
                            throw new InterruptedException("shutting down");
                        });
        LostRace lost = new LostRace("first attempt");

        // WHEN its first attempt loses
        LostRace thrown =
                assertThrows(
                        LostRace.class,
                        () ->
                                stopping.run(
                                        attempt -> {
                                            throw lost;
                                        }));

        // THEN the conflict comes back and the thread still knows it was interrupted
        assertSame(lost, thrown);
        assertTrue(Thread.interrupted());
    }
}
