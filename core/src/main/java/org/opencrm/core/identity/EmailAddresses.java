package org.opencrm.core.identity;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.opencrm.core.error.FieldProblem;

/**
 * The one email rule, for customers, leads and users alike: an address like name@example.com, at
 * most {@link #MAX} characters, kept lower-case so one mailbox is one identity. Pure.
 */
public final class EmailAddresses {

    public static final int MAX = 254;

    private static final String FIELD = "email";
    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private EmailAddresses() {}

    /**
     * The address normalised (stripped, lower-case); null when blank, or when it breaks the rule,
     * which then adds its problem to {@code problems}.
     */
    public static String normalise(String raw, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        int length = value.codePointCount(0, value.length());
        if (length > MAX) {
            problems.add(FieldProblem.tooLong(FIELD, MAX, length));
            return null;
        }
        if (!ADDRESS.matcher(value).matches()) {
            problems.add(
                    new FieldProblem(
                            FIELD,
                            "email",
                            "must be an address like name@example.com, got " + value,
                            null));
            return null;
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
