package org.opencrm.core.identity;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import org.opencrm.core.signing.HmacSha256;

/**
 * Golden customer ids of R-07: a keyed hash (HMAC-SHA-256) of the E.164 phone and, when known, the
 * national id. Keyed so that raw personal numbers are never ids, and so that nobody without the
 * deployment's key can recompute an id from a phone number they happen to know.
 *
 * <p>An id is derived once, when its record is created, from the most stable contact known then
 * ({@link #assign}), and never again: other systems key on it, so a later phone change or a
 * national id added by finance must not move it. The store claims it in the identity table so one
 * id names one customer.
 */
public final class GoldenIds {

    public static final int MIN_KEY_BYTES = 32;

    private final byte[] key;

    public GoldenIds(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "golden id key must be at least "
                            + MIN_KEY_BYTES
                            + " bytes, got "
                            + (key == null ? "none" : key.length));
        }
        // SecretKeySpec copies the bytes, so a caller wiping or reusing its array cannot change
        // ids.
        this.key = key.clone();
    }

    /**
     * @param e164Phone the phone in E.164, required: there is no golden id without a phone
     * @param nationalId the national id, or null when unknown; upper-cased so a trailing x/X check
     *     character gives one id
     * @return 64 lower-case hex characters
     */
    public String of(String e164Phone, String nationalId) {
        if (e164Phone == null || e164Phone.isBlank()) {
            throw new IllegalArgumentException("a golden id needs a phone");
        }
        return keyed(e164Phone.strip() + normalisedNationalId(nationalId));
    }

    /**
     * What a new record's golden id is derived from: its contacts and national id as known at
     * creation, and its own id for a record without any contact.
     */
    public record Basis(
            String phone, String email, String wechatId, String nationalId, String recordId) {}

    /**
     * The golden id of a new record, from the first contact it has in order of stability: the phone
     * (the R-07 formula, unchanged, so ids assigned before stay reproducible), else the email, else
     * the WeChat id, each with the national id when known; a record without any contact gets {@link
     * #ofRecord}. Each source is prefixed with its kind, so an email can never give the id of a
     * phone or a WeChat id.
     */
    public String assign(Basis basis) {
        if (present(basis.phone())) {
            return of(basis.phone(), basis.nationalId());
        }
        if (present(basis.email())) {
            return keyed(
                    "EMAIL#"
                            + basis.email().strip()
                            + "#"
                            + normalisedNationalId(basis.nationalId()));
        }
        if (present(basis.wechatId())) {
            return keyed(
                    "WECHAT#"
                            + basis.wechatId().strip()
                            + "#"
                            + normalisedNationalId(basis.nationalId()));
        }
        return ofRecord(basis.recordId());
    }

    /**
     * A golden id unique to one record, derived from its id (a UUID): for a record without any
     * contact, and for a new customer whose contact-derived id an earlier customer already holds (a
     * phone number passed on after its first holder changed theirs).
     */
    public String ofRecord(String recordId) {
        if (!present(recordId)) {
            throw new IllegalArgumentException("a record golden id needs the record's id");
        }
        return keyed("RECORD#" + recordId);
    }

    private String keyed(String input) {
        return HexFormat.of().formatHex(HmacSha256.of(key, input.getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String normalisedNationalId(String nationalId) {
        if (nationalId == null) {
            return "";
        }
        return nationalId.strip().toUpperCase(Locale.ROOT);
    }
}
