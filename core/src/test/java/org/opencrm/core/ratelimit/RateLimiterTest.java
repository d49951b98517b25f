package org.opencrm.core.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.ErrorCode;
import org.opencrm.core.testing.CountingDynamo;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.time.AppClock;

/** Request budgets on DynamoDB Local: shared by every container, one user's flood not another's. */
class RateLimiterTest {

    private static final RateLimits LIMITS = new RateLimits(5, 10, 2, 4);

    private final LocalDynamo dynamo = LocalDynamo.shared();
    // standing still unless a test moves it: a bucket refills only when the test says so
    private final AppClock clock =
            new AppClock(Clock.fixed(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC));

    private RateLimiter container() {
        return new RateLimiter(
                new RateLimitStore(dynamo.client(), dynamo.tables()), () -> LIMITS, clock);
    }

    private static String someone() {
        return "rate-" + UUID.randomUUID();
    }

    @Test
    void oneUsersFlood_isRateLimited_whileAnotherUserIsServed() {
        // GIVEN two users and 5 requests a second with bursts of 10
        RateLimiter limiter = container();
        String flooder = someone();
        String other = someone();

        // WHEN the first sends 30 requests at once
        int admitted = 0;
        RateLimitedException refused = null;
        for (int i = 0; i < 30; i++) {
            try {
                limiter.admitUser(flooder);
                admitted++;
            } catch (RateLimitedException limited) {
                refused = limited;
            }
        }

        // THEN the burst was served, the rest refused with a retry
        assertEquals(10, admitted);
        assertEquals(ErrorCode.RATE_LIMITED, refused.code());
        assertEquals(1L, refused.retryAfterSeconds());
        assertEquals("userRequestsPerSecond", refused.details().get("rule"));
        assertEquals(5, refused.details().get("limit"));
        // AND the other user is served all the same
        limiter.admitUser(other);
    }

    @Test
    void theBudget_isSharedByEveryContainer() {
        // GIVEN two containers, each with its own memory of the buckets
        RateLimiter first = container();
        RateLimiter second = container();
        String user = someone();

        // WHEN the first spends the user's burst
        for (int i = 0; i < 10; i++) {
            first.admitUser(user);
        }

        // THEN the second, which never saw the user, refuses them too
        assertThrows(RateLimitedException.class, () -> second.admitUser(user));
    }

    @Test
    void aRefusedUser_isServedAgain_onceTheRetryAfterHasPassed() {
        RateLimiter limiter = container();
        String user = someone();
        RateLimitedException refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            try {
                limiter.admitUser(user);
            } catch (RateLimitedException limited) {
                refused = limited;
            }
        }

        clock.advance(Duration.ofSeconds(refused.retryAfterSeconds()));

        limiter.admitUser(user);
    }

    @Test
    void aChannel_hasItsOwnBudget_apartFromItsUsers() {
        RateLimiter limiter = container();
        String channel = "channel-" + UUID.randomUUID();
        for (int i = 0; i < 4; i++) {
            limiter.admitChannel(channel);
        }

        RateLimitedException refused =
                assertThrows(RateLimitedException.class, () -> limiter.admitChannel(channel));

        assertEquals("channelDeliveriesPerSecond", refused.details().get("rule"));
        // a user of the same name is another bucket
        limiter.admitUser(channel);
    }

    @Test
    void aCharge_isOneWrite_andARefusalTheContainerCanTell_isNone() {
        // GIVEN a container counting its DynamoDB calls, and another that spent a user's burst
        CountingDynamo counted = new CountingDynamo(dynamo.client());
        RateLimiter counting =
                new RateLimiter(
                        new RateLimitStore(counted.client(), dynamo.tables()), () -> LIMITS, clock);
        String user = someone();
        counting.admitUser(someone());
        assertEquals(List.of("updateItem"), counted.take());
        RateLimiter other = container();
        for (int i = 0; i < 10; i++) {
            other.admitUser(user);
        }

        // WHEN the counting container meets the user for the first time, and then again
        assertThrows(RateLimitedException.class, () -> counting.admitUser(user));
        List<String> firstRefusal = counted.take();
        assertThrows(RateLimitedException.class, () -> counting.admitUser(user));

        // THEN the first refusal cost one failed write (the engine hands the bucket back with it),
        // and the second none: the bucket it saw can only have moved further ahead
        assertEquals(List.of("updateItem"), firstRefusal);
        assertEquals(List.of(), counted.take());
    }
}
