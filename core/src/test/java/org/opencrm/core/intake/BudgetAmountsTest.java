package org.opencrm.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencrm.core.error.FieldProblem;

class BudgetAmountsTest {

    private static BigDecimal validAmount(String raw) {
        BudgetAmounts.Result result = BudgetAmounts.parse("budget", raw);
        return assertInstanceOf(BudgetAmounts.Valid.class, result, () -> raw + " gave " + result)
                .cny();
    }

    private static FieldProblem problem(String raw) {
        BudgetAmounts.Result result = BudgetAmounts.parse("budget", raw);
        return assertInstanceOf(BudgetAmounts.Invalid.class, result, () -> raw + " gave " + result)
                .problem();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "50万",
                "50万元",
                "50 万",
                "５０万",
                "¥500,000",
                "￥500,000",
                "￥５００，０００",
                "500,000",
                "500000",
                "500000元",
                "0.5M",
                "0.5m",
                "500k",
                "500K",
                "RMB 500000",
                "CNY 500000",
                "cny500000",
                "500000 RMB",
                "  500000  "
            })
    void parse_readsEveryWayOfWritingHalfAMillion_asPlain500000(String written) {
        BigDecimal cny = validAmount(written);

        assertEquals(new BigDecimal("500000"), cny);
        assertEquals("500000", cny.toString());
    }

    @ParameterizedTest
    @CsvSource({
        "1.2亿, 120000000",
        "5w, 50000",
        "5W, 50000",
        "3千, 3000",
        "2.5k, 2500",
        "3百万, 3000000",
        "2千万, 20000000",
        "0.01, 0.01",
        "0, 0",
        "1.2345万, 12345",
        "1.23456k, 1234.56",
        "'1,234,567.89', 1234567.89",
        "10000亿, 1000000000000",
        "1000000000000, 1000000000000"
    })
    void parse_appliesTheUnitMultiplier(String written, String expected) {
        BigDecimal cny = validAmount(written);

        assertEquals(new BigDecimal(expected), cny);
        assertEquals(expected, cny.toString());
    }

    @Test
    void parse_stripsTrailingZerosOfTheDecimals() {
        BigDecimal cny = validAmount("500000.50");

        assertEquals(new BigDecimal("500000.5"), cny);
        assertEquals("500000.5", cny.toString());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "   ",
                "abc",
                "about 50万",
                "50万万",
                "1e5",
                "5,00,000",
                "1,5",
                "500.",
                ".5M",
                "--500",
                "-¥-500",
                "50x",
                "¥",
                "万"
            })
    void parse_refusesTextThatIsNotAnAmount_withTheBudgetRule(String junk) {
        FieldProblem problem = problem(junk);

        assertEquals("budget", problem.field());
        assertEquals("budget", problem.rule());
        assertTrue(
                problem.message()
                        .startsWith("must be an amount in CNY such as 500000, 50万 or 0.5M, got "),
                problem.message());
    }

    @Test
    void parse_namesTheRawInput_inTheProblem() {
        FieldProblem problem = problem("lots of money");

        assertEquals(
                "must be an amount in CNY such as 500000, 50万 or 0.5M, got lots of money",
                problem.message());
    }

    @Test
    void parse_reportsTheFieldItWasGiven() {
        BudgetAmounts.Result result = BudgetAmounts.parse("lead.budget", "abc");

        assertEquals(
                "lead.budget",
                assertInstanceOf(BudgetAmounts.Invalid.class, result).problem().field());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "50-100万",
                "50万-100万",
                "50~100万",
                "50～100万",
                "50至100万",
                "50到100万",
                "500000 - 1000000"
            })
    void parse_refusesRanges_sayingRangesAreNotAccepted(String range) {
        FieldProblem problem = problem(range);

        assertEquals("budget", problem.rule());
        assertTrue(problem.message().contains("ranges are not accepted"), problem.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-500", "-¥500", "¥-500", "-50万", "－５００"})
    void parse_refusesNegativeAmounts_withTheMinRule(String negative) {
        FieldProblem problem = problem(negative);

        assertEquals(
                new FieldProblem("budget", "min", "must not be negative, got " + negative, 0),
                problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000000000000.01", "10001亿", "1000001M", "9999999999999"})
    void parse_refusesAmountsAboveOneTrillion_withTheMaxRule(String huge) {
        FieldProblem problem = problem(huge);

        assertEquals("max", problem.rule());
        assertEquals(1_000_000_000_000L, problem.limit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"500000.505", "0.001", "1.234567k", "0.0000001万"})
    void parse_refusesMoreThanTwoDecimals_afterTheMultiplier_withTheScaleRule(String tooFine) {
        FieldProblem problem = problem(tooFine);

        assertEquals("scale", problem.rule());
        assertEquals(2, problem.limit());
    }

    @Test
    void parse_refusesOverlongInput_withoutTryingToReadIt() {
        FieldProblem problem = problem("1".repeat(10_000));

        assertEquals("budget", problem.rule());
    }
}
