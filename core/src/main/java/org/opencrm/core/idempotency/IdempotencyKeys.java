package org.opencrm.core.idempotency;

import java.util.Optional;
import java.util.regex.Pattern;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/** What a client may send as an {@code Idempotency-Key} or a webhook delivery id: pure rules. */
public final class IdempotencyKeys {

    /** The HTTP header of a retried mutation (the IETF draft's name, Stripe's convention). */
    public static final String HEADER = "Idempotency-Key";

    public static final int MAX_KEY_LENGTH = 255;
    public static final int MAX_DELIVERY_ID_LENGTH = 128;

    /** Printable ASCII, no spaces: a UUID, a ULID, a client's own counter. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]+");

    /**
     * Letters, digits, {@code _ : -}: no dot, because the signed content joins id, timestamp and
     * body with dots.
     */
    private static final Pattern DELIVERY_ID = Pattern.compile("[A-Za-z0-9_:-]+");

    private IdempotencyKeys() {}

    /** The key as sent, or the problem with it. */
    public static String requireKey(String key) {
        check(HEADER, key, MAX_KEY_LENGTH, KEY, "printable ASCII without spaces")
                .ifPresent(
                        problem -> {
                            throw new ValidationException(problem);
                        });
        return key;
    }

    /** The delivery id as sent, or the problem with it, reported on {@code header}. */
    public static Optional<FieldProblem> deliveryIdProblem(String header, String id) {
        return check(header, id, MAX_DELIVERY_ID_LENGTH, DELIVERY_ID, "letters, digits, _ : -");
    }

    private static Optional<FieldProblem> check(
            String field, String value, int maxLength, Pattern allowed, String describe) {
        if (value == null || value.isEmpty()) {
            return Optional.of(FieldProblem.of(field, "required", "must not be empty"));
        }
        if (value.length() > maxLength) {
            return Optional.of(FieldProblem.tooLong(field, maxLength, value.length()));
        }
        if (!allowed.matcher(value).matches()) {
            return Optional.of(
                    new FieldProblem(field, "pattern", "must be " + describe, allowed.pattern()));
        }
        return Optional.empty();
    }
}
