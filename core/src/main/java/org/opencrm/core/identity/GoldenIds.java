package org.opencrm.core.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Golden customer ids of R-07: a keyed hash (HMAC-SHA-256) of the E.164 phone and, when known,
 * the national id. Keyed so that raw personal numbers are never ids, and so that nobody without
 * the deployment's key can recompute an id from a phone number they happen to know.
 *
 * <p>Thread-safe: a {@link Mac} is built per call because {@code Mac} itself is not.
 */
public final class GoldenIds {

    public static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public GoldenIds(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("golden id key must be at least " + MIN_KEY_BYTES
                    + " bytes, got " + (key == null ? "none" : key.length));
        }
        // SecretKeySpec copies the bytes, so a caller wiping or reusing its array cannot change ids.
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /**
     * @param e164Phone  the phone in E.164, required: there is no golden id without a phone
     * @param nationalId the national id, or null when unknown; upper-cased so a trailing x/X
     *                   check character gives one id
     * @return 64 lower-case hex characters
     */
    public String of(String e164Phone, String nationalId) {
        if (e164Phone == null || e164Phone.isBlank()) {
            throw new IllegalArgumentException("a golden id needs a phone");
        }
        String input = e164Phone.strip() + normalisedNationalId(nationalId);
        return HexFormat.of().formatHex(newMac().doFinal(input.getBytes(StandardCharsets.UTF_8)));
    }

    private static String normalisedNationalId(String nationalId) {
        if (nationalId == null) {
            return "";
        }
        return nationalId.strip().toUpperCase(Locale.ROOT);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException missing) {
            // Every Java platform must ship HmacSHA256, so this is a broken runtime, not bad input.
            throw new IllegalStateException(ALGORITHM + " unavailable", missing);
        }
    }
}
