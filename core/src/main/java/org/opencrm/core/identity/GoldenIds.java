package org.opencrm.core.identity;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import org.opencrm.core.signing.HmacSha256;

/**
 * Golden customer ids of R-07: a keyed hash (HMAC-SHA-256) of the E.164 phone and, when known, the
 * national id. Keyed so that raw personal numbers are never ids, and so that nobody without the
 * deployment's key can recompute an id from a phone number they happen to know.
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
        String input = e164Phone.strip() + normalisedNationalId(nationalId);
        return HexFormat.of().formatHex(HmacSha256.of(key, input.getBytes(StandardCharsets.UTF_8)));
    }

    private static String normalisedNationalId(String nationalId) {
        if (nationalId == null) {
            return "";
        }
        return nationalId.strip().toUpperCase(Locale.ROOT);
    }
}
