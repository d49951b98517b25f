package org.opencrm.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AppClockTest {

    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void withZone_seesTheSameInstantInItsZone_andFollowsAnAdvance() {
        AppClock clock = new AppClock(Clock.fixed(START, ZoneOffset.UTC));
        Clock local = clock.withZone(SHANGHAI);

        clock.advance(Duration.ofHours(9));

        assertEquals(START.plus(Duration.ofHours(9)), local.instant());
        assertEquals(SHANGHAI, local.getZone());
        assertEquals(LocalTime.of(5, 0), LocalTime.now(local));
    }
}
