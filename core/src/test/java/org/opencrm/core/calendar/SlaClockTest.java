package org.opencrm.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SLA clock over the default calendar (China 2026, 09:00-12:00 and 13:30-18:00). Pure. */
class SlaClockTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final BusinessCalendar CHINA = WorkingCalendar.defaults().business();

    private static Instant beijing(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void aRunningClock_countsBusinessTime_andIsDueAfterTheTarget() {
        // GIVEN a clock started on Tuesday 16:00
        SlaClock clock = SlaClock.start(beijing("2026-12-01T16:00"));

        // THEN on Wednesday 10:00 it has run 2 h (16-18) + 1 h (09-10), and 4 h fall due at 11:00
        assertEquals(
                Duration.ofHours(3),
                clock.elapsed(beijing("2026-12-02T10:00"), CHINA, TimeBasis.BUSINESS));
        assertEquals(
                Optional.of(beijing("2026-12-02T11:00")),
                clock.dueAt(Duration.ofHours(4), CHINA, TimeBasis.BUSINESS));
    }

    @Test
    void aPauseAcrossTheNight_freezesElapsedTime_andMovesTheDeadline() {
        // GIVEN a clock started Tuesday 09:00, paused at 10:00 (waiting for the customer)
        SlaClock paused =
                SlaClock.start(beijing("2026-12-01T09:00")).pause(beijing("2026-12-01T10:00"));

        // THEN while paused, elapsed stays 1 h and the deadline is unknown
        assertEquals(
                Duration.ofHours(1),
                paused.elapsed(beijing("2026-12-02T11:00"), CHINA, TimeBasis.BUSINESS));
        assertEquals(
                Optional.empty(), paused.dueAt(Duration.ofHours(4), CHINA, TimeBasis.BUSINESS));
        assertFalse(
                paused.breached(
                        Duration.ofHours(4),
                        beijing("2026-12-03T09:00"),
                        CHINA,
                        TimeBasis.BUSINESS));

        // WHEN the customer answers Wednesday 11:00 and the clock resumes
        SlaClock resumed = paused.resume(beijing("2026-12-02T11:00"));

        // THEN the remaining 3 h run 11:00-12:00 and 13:30-15:30 on Wednesday
        assertEquals(
                Optional.of(beijing("2026-12-02T15:30")),
                resumed.dueAt(Duration.ofHours(4), CHINA, TimeBasis.BUSINESS));
        assertEquals(
                Duration.ofHours(2),
                resumed.elapsed(beijing("2026-12-02T13:30"), CHINA, TimeBasis.BUSINESS));
    }

    @Test
    void theCalendarBasis_ignoresBusinessHours_butStillHonoursPauses() {
        // GIVEN a clock started Friday 17:00 before Qingming, paused 1 h on Saturday
        SlaClock clock =
                SlaClock.start(beijing("2026-04-03T17:00"))
                        .pause(beijing("2026-04-04T10:00"))
                        .resume(beijing("2026-04-04T11:00"));

        // THEN 24 calendar hours fall due Saturday 18:00, nights and holidays counting
        assertEquals(
                Optional.of(beijing("2026-04-04T18:00")),
                clock.dueAt(Duration.ofHours(24), CHINA, TimeBasis.CALENDAR));
        assertEquals(
                Duration.ofHours(24),
                clock.elapsed(beijing("2026-04-04T18:00"), CHINA, TimeBasis.CALENDAR));
        // while in business time only Friday's hour has passed by then
        assertEquals(
                Duration.ofHours(1),
                clock.elapsed(beijing("2026-04-04T18:00"), CHINA, TimeBasis.BUSINESS));
    }

    @Test
    void aRestartAfterStop_continuesFromTheElapsedTime_notFromZero() {
        // GIVEN a clock that ran Tuesday 09:00-12:00 (3 h) and was stopped (resolved)
        SlaClock stopped =
                SlaClock.start(beijing("2026-12-01T09:00")).stop(beijing("2026-12-01T12:00"));
        assertEquals(
                Optional.empty(), stopped.dueAt(Duration.ofHours(4), CHINA, TimeBasis.BUSINESS));

        // WHEN it is reopened Wednesday 09:00
        SlaClock reopened = stopped.restart(beijing("2026-12-02T09:00"));

        // THEN it counts on from 3 h: 4 h fall due Wednesday 10:00, not Wednesday 13:30+
        assertEquals(
                Duration.ofHours(3),
                reopened.elapsed(beijing("2026-12-02T09:00"), CHINA, TimeBasis.BUSINESS));
        assertEquals(
                Optional.of(beijing("2026-12-02T10:00")),
                reopened.dueAt(Duration.ofHours(4), CHINA, TimeBasis.BUSINESS));
    }

    @Test
    void aBreach_staysBreached_whenTheClockIsPausedOrStoppedAfterIt() {
        // GIVEN a clock that ran past its 2 h target and was then paused and stopped
        SlaClock clock =
                SlaClock.start(beijing("2026-12-01T09:00"))
                        .pause(beijing("2026-12-01T15:00"))
                        .stop(beijing("2026-12-01T16:00"));

        // THEN the deadline is still 11:00 and it is breached at any later time
        assertEquals(
                Optional.of(beijing("2026-12-01T11:00")),
                clock.dueAt(Duration.ofHours(2), CHINA, TimeBasis.BUSINESS));
        assertTrue(
                clock.breached(
                        Duration.ofHours(2),
                        beijing("2026-12-09T09:00"),
                        CHINA,
                        TimeBasis.BUSINESS));
        assertFalse(
                clock.breached(
                        Duration.ofHours(2),
                        beijing("2026-12-01T11:00"),
                        CHINA,
                        TimeBasis.BUSINESS));
    }

    @Test
    void breached_isFalseBeforeTheDeadline_andTrueAfterIt() {
        SlaClock clock = SlaClock.start(beijing("2026-12-01T09:00"));
        Duration target = Duration.ofHours(8);

        // 8 business hours from Tuesday 09:00 is Wednesday 09:30
        assertFalse(clock.breached(target, beijing("2026-12-02T09:29"), CHINA, TimeBasis.BUSINESS));
        assertTrue(clock.breached(target, beijing("2026-12-02T09:31"), CHINA, TimeBasis.BUSINESS));
    }

    @Test
    void eventsOutOfOrder_areRefused() {
        SlaClock running = SlaClock.start(beijing("2026-12-01T09:00"));
        SlaClock paused = running.pause(beijing("2026-12-01T10:00"));
        SlaClock stopped = running.stop(beijing("2026-12-01T11:00"));

        // an event earlier than the last one
        assertThrows(IllegalStateException.class, () -> paused.resume(beijing("2026-12-01T09:30")));
        // events that make no sense in the clock's state
        assertThrows(
                IllegalStateException.class, () -> running.resume(beijing("2026-12-01T10:00")));
        assertThrows(
                IllegalStateException.class, () -> running.restart(beijing("2026-12-01T10:00")));
        assertThrows(IllegalStateException.class, () -> paused.pause(beijing("2026-12-01T11:00")));
        assertThrows(IllegalStateException.class, () -> stopped.stop(beijing("2026-12-01T12:00")));
        assertThrows(IllegalStateException.class, () -> stopped.pause(beijing("2026-12-01T12:00")));
        assertThrows(
                IllegalStateException.class, () -> stopped.resume(beijing("2026-12-01T12:00")));
    }

    @Test
    void aStopWhilePaused_keepsTheElapsedTimeOfThePause() {
        SlaClock clock =
                SlaClock.start(beijing("2026-12-01T09:00"))
                        .pause(beijing("2026-12-01T10:00"))
                        .stop(beijing("2026-12-01T16:00"));

        assertEquals(SlaClock.State.STOPPED, clock.state());
        assertEquals(
                Duration.ofHours(1),
                clock.elapsed(beijing("2026-12-02T16:00"), CHINA, TimeBasis.BUSINESS));
    }

    @Test
    void elapsed_atAnEarlierMoment_countsOnlyWhatRanBeforeIt() {
        SlaClock clock =
                SlaClock.start(beijing("2026-12-01T09:00"))
                        .pause(beijing("2026-12-01T11:00"))
                        .resume(beijing("2026-12-01T14:00"));

        assertEquals(
                Duration.ofMinutes(30),
                clock.elapsed(beijing("2026-12-01T09:30"), CHINA, TimeBasis.BUSINESS));
        assertEquals(
                Duration.ZERO,
                clock.elapsed(beijing("2026-12-01T08:00"), CHINA, TimeBasis.BUSINESS));
    }
}
