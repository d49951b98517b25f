package org.opencrm.functions.telemetry;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks phone numbers and national ids in text that users supplied, before it reaches a log line. A
 * phone keeps its last four digits and all but the four before them ({@code +8613812345678} →
 * {@code +86138****5678}, {@code 138 1234 5678} → {@code 138****5678}); an 18-character national id
 * keeps its first six and last four ({@code 110105********123X}). Separators inside a number are
 * dropped with the digits they stood between.
 */
public final class Masking {

    /**
     * A run of digits, perhaps after a plus and with single spaces or hyphens between them, ending
     * in a digit or the X of a national id's check character; not part of a longer digit run.
     */
    private static final Pattern NUMBER =
            Pattern.compile("(?<!\\d)\\+?\\d(?:[ -]?\\d)+[Xx]?(?!\\d)");

    private static final int ID_LENGTH = 18;
    private static final int ID_KEPT_BEFORE = 6;
    private static final int KEPT_AFTER = 4;
    private static final int MASKED = 4;

    /** The fewest digits of a phone without a country code (a Chinese mobile has 11). */
    private static final int MIN_LOCAL_PHONE = 11;

    /** The fewest digits of a phone in E.164 form (with its plus) worth masking. */
    private static final int MIN_E164_PHONE = 8;

    /** E.164 allows at most 15 digits. */
    private static final int MAX_PHONE = 15;

    private Masking() {}

    /** The text with every phone number and national id in it masked; null stays null. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        return NUMBER.matcher(text).replaceAll(Masking::masked);
    }

    private static String masked(MatchResult match) {
        String found = match.group();
        boolean plus = found.startsWith("+");
        String characters = found.replaceAll("[^0-9Xx]", "");
        if (!plus && characters.length() == ID_LENGTH) {
            return characters.substring(0, ID_KEPT_BEFORE)
                    + "*".repeat(ID_LENGTH - ID_KEPT_BEFORE - KEPT_AFTER)
                    + characters.substring(ID_LENGTH - KEPT_AFTER);
        }
        if (characters.endsWith("X") || characters.endsWith("x")) {
            // an X only ends a national id: leave whatever this is as it was
            return Matcher.quoteReplacement(found);
        }
        int digits = characters.length();
        boolean phone = digits <= MAX_PHONE && digits >= (plus ? MIN_E164_PHONE : MIN_LOCAL_PHONE);
        if (!phone) {
            return Matcher.quoteReplacement(found);
        }
        int kept = digits - MASKED - KEPT_AFTER;
        return (plus ? "+" : "")
                + characters.substring(0, kept)
                + "*".repeat(MASKED)
                + characters.substring(kept + MASKED);
    }
}
