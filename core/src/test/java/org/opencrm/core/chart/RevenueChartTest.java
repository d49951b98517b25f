package org.opencrm.core.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

class RevenueChartTest {

    @Test
    void everyMonthOfThePeriodIsAGroup_andMissingAmountsAreZero() {
        // GIVEN three months asked for two calibers, with amounts in only two months
        RevenueChartQuery query =
                RevenueChartQuery.parse(
                        Map.of("from", "2026-11", "to", "2027-01", "calibers", "INVOICED,signed"));
        List<MonthlyAmount> amounts =
                List.of(
                        new MonthlyAmount(YearMonth.of(2026, 11), Caliber.SIGNED, 10_000_000),
                        new MonthlyAmount(YearMonth.of(2027, 1), Caliber.INVOICED, 4_000_000),
                        new MonthlyAmount(YearMonth.of(2027, 1), Caliber.INVOICED, -50),
                        new MonthlyAmount(YearMonth.of(2027, 1), Caliber.COLLECTED, 999));

        BarChart chart = RevenueChart.of(query, amounts);

        // THEN the months run across the year end, calibers in the order asked, unasked dropped
        assertEquals(List.of("2026-11", "2026-12", "2027-01"), chart.categories());
        assertEquals(
                List.of("INVOICED", "SIGNED"),
                chart.series().stream().map(BarChart.Series::name).toList());
        assertEquals(List.of(0L, 0L, 3_999_950L), chart.series().get(0).values());
        assertEquals(List.of(10_000_000L, 0L, 0L), chart.series().get(1).values());
        assertEquals(BarChart.ValueFormat.FEN_AS_YUAN, chart.format());
    }

    @Test
    void leftOutCalibers_meanAllFour() {
        RevenueChartQuery query =
                RevenueChartQuery.parse(Map.of("from", "2026-01", "to", "2026-01"));

        assertEquals(List.of(Caliber.values()), query.calibers());
        assertEquals(
                Map.of(
                        "from",
                        "2026-01",
                        "to",
                        "2026-01",
                        "calibers",
                        "SIGNED,SHIPPED,INVOICED,COLLECTED"),
                query.parameters());
    }

    @Test
    void badParameters_areAllReported_withFieldRuleAndLimit() {
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () ->
                                RevenueChartQuery.parse(
                                        Map.of("from", "2026-13", "calibers", "SIGNED,BOOKED")));

        assertEquals(
                List.of(
                        new FieldProblem(
                                "from",
                                "format",
                                "must be a month such as 2026-01, got 2026-13",
                                "yyyy-MM"),
                        FieldProblem.of("to", "required", "is required, a month such as 2026-01"),
                        new FieldProblem(
                                "calibers",
                                "oneOf",
                                "unknown caliber BOOKED",
                                List.of("SIGNED", "SHIPPED", "INVOICED", "COLLECTED"))),
                refused.problems());
    }

    @Test
    void aPeriodBackwardsOrLongerThanTwoYears_isRefused() {
        ValidationException backwards =
                assertThrows(
                        ValidationException.class,
                        () -> RevenueChartQuery.parse(Map.of("from", "2026-03", "to", "2026-02")));
        assertEquals("notBefore", backwards.problems().get(0).rule());

        ValidationException tooLong =
                assertThrows(
                        ValidationException.class,
                        () -> RevenueChartQuery.parse(Map.of("from", "2024-01", "to", "2026-01")));
        assertEquals("maxMonths", tooLong.problems().get(0).rule());
        assertEquals(24, tooLong.problems().get(0).limit());
        // exactly 24 months is fine
        assertEquals(
                24,
                RevenueChartQuery.parse(Map.of("from", "2024-02", "to", "2026-01"))
                        .months()
                        .size());
    }
}
