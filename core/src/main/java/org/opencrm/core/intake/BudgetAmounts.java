package org.opencrm.core.intake;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencrm.core.error.FieldProblem;

/**
 * Budgets as leads write them: {@code 50万}, {@code ¥500,000}, {@code 0.5M}, {@code 5w}, {@code
 * 1.2亿}, {@code RMB 500000}, in full-width digits too. Each becomes one CNY amount with at most two
 * decimals (fen). A range such as {@code 50-100万} is not an amount: picking an end of it for the
 * lead would invent a budget the lead never gave.
 */
public final class BudgetAmounts {

    public static final BigDecimal MAX = new BigDecimal("1000000000000");
    public static final int MAX_SCALE = 2;

    // Longer than any real amount; bounds the work spent on junk input.
    private static final int MAX_INPUT_LENGTH = 64;

    // Keys are lower case: the unit is lower-cased before lookup so 500K, 0.5M and 5W read alike.
    private static final Map<String, BigDecimal> UNITS =
            Map.of(
                    "千", BigDecimal.valueOf(1_000),
                    "k", BigDecimal.valueOf(1_000),
                    "万", BigDecimal.valueOf(10_000),
                    "w", BigDecimal.valueOf(10_000),
                    "百万", BigDecimal.valueOf(1_000_000),
                    "m", BigDecimal.valueOf(1_000_000),
                    "千万", BigDecimal.valueOf(10_000_000),
                    "亿", BigDecimal.valueOf(100_000_000));

    // Grouping must be in threes: "1,5" may be a European decimal and "5,00,000" Indian lakhs,
    // and guessing either would misread the budget by orders of magnitude.
    private static final Pattern AMOUNT =
            Pattern.compile(
                    "(?<sign>-)?(?:¥|RMB|CNY)?(?<sign2>-)?"
                            + "(?<number>\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)"
                            + "(?<unit>千万|百万|千|万|亿|[kKmMwW])?(?:元|RMB|CNY)?",
                    Pattern.CASE_INSENSITIVE);

    // A separator after a digit: a leading minus is a sign, any later one splits two amounts.
    private static final Pattern RANGE = Pattern.compile("\\d.*[-~–—〜至到]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private BudgetAmounts() {}

    /** A CNY amount, or the problem that stops the text being one. */
    public sealed interface Result permits Valid, Invalid {}

    /**
     * @param cny the amount in yuan, at most two decimals, never in exponent form
     */
    public record Valid(BigDecimal cny) implements Result {}

    public record Invalid(FieldProblem problem) implements Result {}

    public static Result parse(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return new Invalid(notAnAmount(field, "nothing"));
        }
        String shown = raw.strip();
        if (shown.length() > MAX_INPUT_LENGTH) {
            return new Invalid(notAnAmount(field, shown));
        }
        // NFKC folds full-width digits, letters, commas and ￥ into their ASCII/¥ forms.
        String text =
                WHITESPACE
                        .matcher(Normalizer.normalize(shown, Normalizer.Form.NFKC))
                        .replaceAll("");
        if (RANGE.matcher(text).find()) {
            return new Invalid(
                    FieldProblem.of(
                            field,
                            "budget",
                            "must be a single amount in CNY; ranges are not accepted, got "
                                    + shown));
        }
        Matcher matcher = AMOUNT.matcher(text);
        if (!matcher.matches()
                || (matcher.group("sign") != null && matcher.group("sign2") != null)) {
            return new Invalid(notAnAmount(field, shown));
        }
        return check(field, shown, amountOf(matcher));
    }

    private static BigDecimal amountOf(Matcher matcher) {
        BigDecimal number = new BigDecimal(matcher.group("number").replace(",", ""));
        String unit = matcher.group("unit");
        BigDecimal multiplier =
                unit == null ? BigDecimal.ONE : UNITS.get(unit.toLowerCase(Locale.ROOT));
        boolean negative = matcher.group("sign") != null || matcher.group("sign2") != null;
        BigDecimal amount = number.multiply(multiplier);
        return negative ? amount.negate() : amount;
    }

    private static Result check(String field, String shown, BigDecimal amount) {
        BigDecimal plain = plain(amount);
        if (plain.signum() < 0) {
            return new Invalid(
                    new FieldProblem(field, "min", "must not be negative, got " + shown, 0));
        }
        if (plain.compareTo(MAX) > 0) {
            return new Invalid(
                    new FieldProblem(
                            field,
                            "max",
                            "at most " + MAX.toPlainString() + " CNY, got " + shown,
                            MAX.longValueExact()));
        }
        if (plain.scale() > MAX_SCALE) {
            return new Invalid(
                    new FieldProblem(
                            field,
                            "scale",
                            "at most "
                                    + MAX_SCALE
                                    + " decimal places (fen), got "
                                    + shown
                                    + " = "
                                    + plain.toPlainString()
                                    + " CNY",
                            MAX_SCALE));
        }
        return new Valid(plain);
    }

    // stripTrailingZeros alone turns 500000 into 5E+5; a non-negative scale keeps it plain.
    private static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.setScale(Math.max(0, stripped.scale()));
    }

    private static FieldProblem notAnAmount(String field, String shown) {
        return FieldProblem.of(
                field,
                "budget",
                "must be an amount in CNY such as 500000, 50万 or 0.5M, got " + shown);
    }
}
