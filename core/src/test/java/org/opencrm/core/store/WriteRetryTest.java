package org.opencrm.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

class WriteRetryTest {

    private final List<Duration> pauses = new ArrayList<>();
    private final WriteRetry retry = new WriteRetry(pauses::add);
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void aWriteFailingForAPassingReason_isTriedAgain_untilItLands() {
        String written =
                retry.run(
                        () -> {
                            if (attempts.incrementAndGet() < 3) {
                                throw SdkClientException.create("connection reset");
                            }
                            return "written";
                        });

        assertEquals("written", written);
        assertEquals(3, attempts.get());
        assertEquals(2, pauses.size());
    }

    @Test
    void aRefusedCondition_isTheAnswer_andNeverRetried() {
        assertThrows(
                ConditionalCheckFailedException.class,
                () ->
                        retry.run(
                                () -> {
                                    attempts.incrementAndGet();
                                    throw ConditionalCheckFailedException.builder().build();
                                }));

        assertEquals(1, attempts.get());
    }

    @Test
    void aWriteThatKeepsFailing_givesUpAfterTheStandardAttempts_withTheLastFailure() {
        assertThrows(
                SdkClientException.class,
                () ->
                        retry.run(
                                () -> {
                                    attempts.incrementAndGet();
                                    throw SdkClientException.create("still down");
                                }));

        assertEquals(ConflictRetry.ATTEMPTS, attempts.get());
    }
}
