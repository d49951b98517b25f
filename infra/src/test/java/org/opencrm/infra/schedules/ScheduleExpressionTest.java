package org.opencrm.infra.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleExpressionTest {

    private static final Instant START = Instant.parse("2026-03-02T10:00:30Z"); // a Monday

    @Test
    void rate_firesEveryPeriodCountedFromTheStart() {
        ScheduleExpression everyFive = ScheduleExpression.parse("rate(5 minutes)");

        assertEquals(Instant.parse("2026-03-02T10:05:30Z"), everyFive.nextAfter(START, START));
        assertEquals(
                Instant.parse("2026-03-02T10:15:30Z"),
                everyFive.nextAfter(START, Instant.parse("2026-03-02T10:12:00Z")));
        assertEquals(
                Instant.parse("2026-03-03T10:00:30Z"),
                ScheduleExpression.parse("rate(1 day)").nextAfter(START, START));
    }

    @Test
    void cron_firesOnTheNextMatchingMinuteInUtc() {
        assertEquals(
                Instant.parse("2026-03-02T10:01:00Z"),
                ScheduleExpression.parse("cron(* * * * ? *)").nextAfter(START, START));
        assertEquals(
                Instant.parse("2026-03-03T01:00:00Z"),
                ScheduleExpression.parse("cron(0 1 * * ? *)").nextAfter(START, START));
        assertEquals(
                Instant.parse("2026-03-02T10:15:00Z"),
                ScheduleExpression.parse("cron(0/15 * * * ? *)").nextAfter(START, START));
        // weekdays only, 09:30: from Friday evening the next is Monday
        assertEquals(
                Instant.parse("2026-03-09T09:30:00Z"),
                ScheduleExpression.parse("cron(30 9 ? * MON-FRI *)")
                        .nextAfter(START, Instant.parse("2026-03-06T18:00:00Z")));
        assertEquals(
                Instant.parse("2026-04-01T00:00:00Z"),
                ScheduleExpression.parse("cron(0 0 1 APR ? 2026)").nextAfter(START, START));
    }

    @Test
    void cronWithLastDaySyntax_firesEveryMinute_andSaysSo() {
        ScheduleExpression lastDay = ScheduleExpression.parse("cron(0 12 L * ? *)");

        assertTrue(lastDay.approximation().isPresent());
        assertEquals(START.plusSeconds(60), lastDay.nextAfter(START, START));
    }

    @Test
    void malformedExpressions_areRejected() {
        assertThrows(
                IllegalArgumentException.class, () -> ScheduleExpression.parse("every 5 minutes"));
        assertThrows(
                IllegalArgumentException.class,
                () -> ScheduleExpression.parse("cron(0 25 * * ? *)"));
        assertThrows(
                IllegalArgumentException.class, () -> ScheduleExpression.parse("cron(0 1 * *)"));
    }
}
