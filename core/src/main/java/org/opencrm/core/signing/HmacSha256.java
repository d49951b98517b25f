package org.opencrm.core.signing;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256, the one keyed hash of the project: golden ids, webhook signatures, robot
 * signatures. A {@link Mac} is built per call because {@code Mac} is not thread-safe.
 */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private HmacSha256() {}

    public static byte[] of(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException missing) {
            // Every Java platform must ship HmacSHA256, so this is a broken runtime, not bad input.
            throw new IllegalStateException(ALGORITHM + " unavailable", missing);
        }
    }
}
