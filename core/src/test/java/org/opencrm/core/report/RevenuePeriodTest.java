package org.opencrm.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.ValidationException;

class RevenuePeriodTest {

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    @Test
    void aPeriodOfWholeMonths_isReadFromMonthlyItemsOnly() {
        // WHEN the period is January to March in the offices' time zone
        RevenuePeriod period =
                RevenuePeriod.of(at("2026-01-01T00:00:00+08:00"), at("2026-04-01T00:00:00+08:00"));

        // THEN it covers three whole months and nothing of April
        assertEquals(3, period.months().size());
        assertTrue(period.months().stream().allMatch(RevenuePeriod.Span::whole));
        assertEquals(LocalDate.of(2026, 3, 31), period.last());
    }

    @Test
    void aPeriodCuttingTwoMonths_readsOnlyTheirDays() {
        // WHEN the period runs from mid-February to mid-May
        RevenuePeriod period =
                RevenuePeriod.of(at("2026-02-15T00:00:00+08:00"), at("2026-05-15T00:00:00+08:00"));

        // THEN February and May are cut to their days, March and April are whole
        assertEquals(4, period.months().size());
        RevenuePeriod.Span february = period.months().get(0);
        assertEquals(YearMonth.of(2026, 2), february.month());
        assertEquals(LocalDate.of(2026, 2, 15), february.first());
        assertFalse(february.whole());
        assertTrue(period.months().get(1).whole());
        assertTrue(period.months().get(2).whole());
        RevenuePeriod.Span may = period.months().get(3);
        assertEquals(LocalDate.of(2026, 5, 14), may.last());
        assertFalse(may.whole());
    }

    @Test
    void midnightUtc_isEightInTheMorningInShanghai_soThatDayStartedBeforeIt() {
        // WHEN from is midnight UTC (08:00 in Shanghai) on the 1st
        RevenuePeriod period =
                RevenuePeriod.of(
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-02-01T00:00:00Z"));

        // THEN the 1st started before from and is left out; the last day started before to
        assertEquals(LocalDate.of(2026, 1, 2), period.first());
        assertEquals(LocalDate.of(2026, 2, 1), period.last());
    }

    @Test
    void aBackwardsOrTooLongPeriod_isBadInput_withFieldRuleAndLimit() {
        ValidationException backwards =
                assertThrows(
                        ValidationException.class,
                        () ->
                                RevenuePeriod.of(
                                        Instant.parse("2026-02-01T00:00:00Z"),
                                        Instant.parse("2026-01-01T00:00:00Z")));
        assertEquals("to", backwards.problems().get(0).field());
        assertEquals("after", backwards.problems().get(0).rule());

        ValidationException tooLong =
                assertThrows(
                        ValidationException.class,
                        () ->
                                RevenuePeriod.of(
                                        at("2026-01-01T00:00:00+08:00"),
                                        at("2029-02-01T00:00:00+08:00")));
        assertEquals("range", tooLong.problems().get(0).rule());
        assertEquals(RevenuePeriod.MAX_MONTHS, tooLong.problems().get(0).limit());
    }
}
