package org.opencrm.core.money;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/**
 * The one place money crosses the API: inside, an amount is a whole number of fen (分, 1/100 yuan)
 * in a {@code long}; on the API it is a decimal string with two places ({@code "12345.60"}), never
 * a binary floating-point number, which cannot hold most cent values exactly.
 *
 * <p>Parsing is strict: digits, an optional minus sign and at most two decimals; no exponent, no
 * grouping, no currency sign, nothing silently rounded. Amounts are bounded so sums of many of them
 * still fit a {@code long}.
 */
public final class Fen {

    /** The largest amount the API accepts: 999,999,999,999.99 yuan. */
    public static final long MAX_FEN = 99_999_999_999_999L;

    /** The largest amount as the API writes it, the limit a refusal names. */
    public static final String MAX_TEXT = "999999999999.99";

    public static final String RULE = "money";

    // at most 12 integer digits keeps the value below MAX_FEN + 1 before the explicit check
    private static final Pattern DECIMAL =
            Pattern.compile("^(-?)(0|[1-9][0-9]{0,11})(?:\\.([0-9]{1,2}))?$");

    private Fen() {}

    /**
     * {@code text} as fen; a {@link ValidationException} naming {@code field}, rule {@code money}
     * and the largest amount when it is not a plain decimal with at most two places.
     */
    public static long parse(String field, String text) {
        return tryParse(text)
                .orElseThrow(
                        () ->
                                new ValidationException(
                                        new FieldProblem(
                                                field,
                                                RULE,
                                                "must be a decimal string with at most two"
                                                        + " decimal places and at most "
                                                        + MAX_TEXT
                                                        + " in size, like \"12345.60\", got "
                                                        + shown(text),
                                                MAX_TEXT)));
    }

    /** {@code text} as fen, or empty when it is not a plain decimal within the bounds. */
    public static Optional<Long> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher decimal = DECIMAL.matcher(text);
        if (!decimal.matches()) {
            return Optional.empty();
        }
        long yuan = Long.parseLong(decimal.group(2));
        String cents = decimal.group(3) == null ? "0" : decimal.group(3);
        long fraction = cents.length() == 1 ? Long.parseLong(cents) * 10 : Long.parseLong(cents);
        long fen = yuan * 100 + fraction;
        if (fen > MAX_FEN) {
            return Optional.empty();
        }
        return Optional.of(decimal.group(1).isEmpty() ? fen : -fen);
    }

    /** Fen as the API writes them: two decimal places, no grouping, e.g. {@code 12345.60}. */
    public static String format(long fen) {
        String sign = fen < 0 ? "-" : "";
        long magnitude = Math.abs(fen);
        return String.format(Locale.ROOT, "%s%d.%02d", sign, magnitude / 100, magnitude % 100);
    }

    private static String shown(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
