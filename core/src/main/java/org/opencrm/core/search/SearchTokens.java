package org.opencrm.core.search;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.opencrm.core.customer.PhoneNumbers;

/**
 * The normalisation shared by what is indexed and what is asked, so both meet: lower case, no white
 * space, phone separators dropped. Pure.
 */
public final class SearchTokens {

    /** The longest text a search takes (a name, an email or an external id fits). */
    public static final int MAX_TEXT = 64;

    /** Longest token indexed: longer values are cut, still found by their first characters. */
    static final int MAX_TOKEN = 100;

    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern PHONE_LIKE = Pattern.compile("^[+()\\d\\s.\\-]+$");
    private static final Pattern NON_DIGIT = Pattern.compile("\\D");
    private static final int LAST_DIGITS = 4;

    private SearchTokens() {}

    /** The search text as tokens are written: trimmed, lower case, without spaces and '#'. */
    public static String normaliseText(String text) {
        if (text == null) {
            return "";
        }
        String stripped = text.strip();
        if (PHONE_LIKE.matcher(stripped).matches()
                && stripped.chars().anyMatch(Character::isDigit)) {
            return NON_DIGIT.matcher(stripped).replaceAll("");
        }
        return plain(stripped);
    }

    /** Name tokens: the whole name, each word of it, and pinyin when it has Han characters. */
    public static Set<SearchToken> ofName(String name) {
        Set<SearchToken> tokens = new LinkedHashSet<>();
        if (name == null || name.isBlank()) {
            return tokens;
        }
        add(tokens, TokenKind.NAME, plain(name));
        for (String word : SPACE.split(name.strip())) {
            add(tokens, TokenKind.NAME, plain(word));
        }
        String compact = plain(name);
        if (Pinyin.hasHan(compact)) {
            Pinyin.Spellings spellings = Pinyin.of(compact);
            spellings.full().forEach(full -> add(tokens, TokenKind.PINYIN, full));
            spellings
                    .initials()
                    .forEach(initials -> add(tokens, TokenKind.PINYIN_INITIALS, initials));
        }
        return tokens;
    }

    /**
     * Phone tokens: the E.164 digits (8613812345678), the national number (13812345678) and the
     * last four digits, so any of +86 138-1234-5678, 13812345678 or 5678 finds it.
     */
    public static Set<SearchToken> ofPhone(String phone) {
        Set<SearchToken> tokens = new LinkedHashSet<>();
        if (phone == null || phone.isBlank()) {
            return tokens;
        }
        String digits = NON_DIGIT.matcher(phone).replaceAll("");
        add(tokens, TokenKind.PHONE, digits);
        if (PhoneNumbers.normalise("phone", phone) instanceof PhoneNumbers.Valid valid) {
            String e164 = NON_DIGIT.matcher(valid.e164()).replaceAll("");
            add(tokens, TokenKind.PHONE, e164);
            nationalNumber(valid.e164())
                    .ifPresent(national -> add(tokens, TokenKind.PHONE, national));
        }
        if (digits.length() > LAST_DIGITS) {
            add(tokens, TokenKind.PHONE_LAST4, digits.substring(digits.length() - LAST_DIGITS));
        }
        return tokens;
    }

    public static Set<SearchToken> ofEmail(String email) {
        Set<SearchToken> tokens = new LinkedHashSet<>();
        if (email != null && !email.isBlank()) {
            add(tokens, TokenKind.EMAIL, plain(email));
        }
        return tokens;
    }

    public static Set<SearchToken> ofExternalIds(Collection<String> externalIds) {
        Set<SearchToken> tokens = new LinkedHashSet<>();
        for (String externalId : externalIds) {
            if (externalId != null && !externalId.isBlank()) {
                add(tokens, TokenKind.EXTERNAL_ID, plain(externalId));
            }
        }
        return tokens;
    }

    private static Optional<String> nationalNumber(String e164) {
        try {
            return Optional.of(
                    String.valueOf(
                            PhoneNumberUtil.getInstance().parse(e164, null).getNationalNumber()));
        } catch (NumberParseException unreachable) {
            // e164 came out of PhoneNumbers.normalise, so it parses
            return Optional.empty();
        }
    }

    private static String plain(String text) {
        return SPACE.matcher(text.strip().toLowerCase(Locale.ROOT)).replaceAll("").replace("#", "");
    }

    private static void add(Set<SearchToken> tokens, TokenKind kind, String value) {
        if (value.isEmpty()) {
            return;
        }
        String bounded = value.length() > MAX_TOKEN ? value.substring(0, MAX_TOKEN) : value;
        tokens.add(new SearchToken(kind, bounded));
    }
}
