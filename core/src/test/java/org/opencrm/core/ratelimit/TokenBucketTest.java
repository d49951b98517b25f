package org.opencrm.core.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final Budget TEN_A_SECOND_BURST_THREE = new Budget(10, 3);
    private static final long NOW = 1_000_000_000L;

    @Test
    void aFreshBucket_admitsTheBurst_thenRefusesUntilATokenIsBack() {
        // GIVEN a bucket never used, 10 a second, bursts of 3
        Long tat = null;

        // WHEN three requests arrive at once, each admitted one moves the bucket 100 ms on
        for (int i = 0; i < 3; i++) {
            TokenBucket.Decision decision = TokenBucket.decide(tat, NOW, TEN_A_SECOND_BURST_THREE);
            assertTrue(decision.admitted(), "request " + i);
            tat = decision.nextTat();
        }

        // THEN the fourth is refused, for the 100 ms until one token is back
        TokenBucket.Decision fourth = TokenBucket.decide(tat, NOW, TEN_A_SECOND_BURST_THREE);
        assertFalse(fourth.admitted());
        assertEquals(100_000, fourth.waitMicros());
        assertEquals(1, fourth.retryAfterSeconds());
        // AND 100 ms later it is admitted
        assertTrue(TokenBucket.decide(tat, NOW + 100_000, TEN_A_SECOND_BURST_THREE).admitted());
    }

    @Test
    void aBucketQuietForLong_startsFromNow_notFromItsOldDebt() {
        TokenBucket.Decision decision =
                TokenBucket.decide(NOW - 60_000_000L, NOW, TEN_A_SECOND_BURST_THREE);

        assertTrue(decision.admitted());
        assertEquals(NOW + 100_000, decision.nextTat());
        assertFalse(TokenBucket.inDebt(NOW - 60_000_000L, NOW));
    }

    @Test
    void retryAfter_roundsUpToWholeSeconds() {
        // GIVEN one a second with no burst, charged 2.5 s ahead
        Budget oneASecond = new Budget(1, 1);

        TokenBucket.Decision refused = TokenBucket.decide(NOW + 2_500_000L, NOW, oneASecond);

        assertFalse(refused.admitted());
        assertEquals(3, refused.retryAfterSeconds());
    }
}
