package org.opencrm.core.customer;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.regex.Pattern;
import org.opencrm.core.error.FieldProblem;

/**
 * Phone normalisation of R-03: whatever the punctuation or international prefix ({@code +86},
 * {@code 0086}), a number becomes E.164. Numbers without a country are read as Chinese. Masked
 * numbers ({@code 138****1234}) are not phones.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String DEFAULT_REGION = "CN";
    private static final Pattern MASK = Pattern.compile("[*xX#•●＊Ｘｘ]{2,}|[*＊]");

    private PhoneNumbers() {}

    /** E.164 form, or the problem that stops it being a phone. */
    public sealed interface Result permits Valid, Invalid {}

    public record Valid(String e164) implements Result {}

    public record Invalid(FieldProblem problem) implements Result {}

    public static Result normalise(String field, String raw) {
        String trimmed = raw.strip();
        if (MASK.matcher(trimmed).find()) {
            return new Invalid(
                    FieldProblem.of(
                            field,
                            "masked",
                            "is masked ("
                                    + trimmed
                                    + "); a masked number cannot be used as a phone"));
        }
        PhoneNumber parsed;
        try {
            parsed = UTIL.parse(trimmed, DEFAULT_REGION);
        } catch (NumberParseException unparseable) {
            return new Invalid(notAPhone(field, trimmed));
        }
        if (!UTIL.isValidNumber(parsed)) {
            return new Invalid(notAPhone(field, trimmed));
        }
        return new Valid(UTIL.format(parsed, PhoneNumberFormat.E164));
    }

    private static FieldProblem notAPhone(String field, String raw) {
        return new FieldProblem(
                field,
                "phone",
                "must be a valid phone number (E.164, or an 11-digit Chinese mobile), got " + raw,
                "E.164");
    }
}
