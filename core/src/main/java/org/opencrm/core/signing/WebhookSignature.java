package org.opencrm.core.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Signatures of ad-platform webhooks: the header {@code X-Crm-Signature: sha256=<hex>} carries the
 * HMAC-SHA-256 of the raw body bytes under the channel's secret. The raw bytes, not a re-serialised
 * body: any re-encoding of the JSON would change the MAC.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Crm-Signature";
    public static final String PREFIX = "sha256=";
    private static final int HEX_LENGTH = 64;

    private WebhookSignature() {}

    /**
     * @return the header value, {@code sha256=} and 64 lower-case hex characters
     * @throws IllegalArgumentException when the secret is null or empty: a deployment fault
     */
    public static String sign(byte[] body, String secret) {
        return PREFIX + HexFormat.of().formatHex(mac(body, secret));
    }

    /**
     * True only when the header holds the body's MAC under the secret; hex may be in either case. A
     * missing, malformed or wrong header is false rather than an exception: it is a bad request.
     *
     * @throws IllegalArgumentException when the secret is null or empty: a deployment fault, not
     *     the caller's
     */
    public static boolean verify(String header, byte[] body, String secret) {
        byte[] expected = mac(body, secret);
        if (header == null || !header.strip().startsWith(PREFIX)) {
            return false;
        }
        String hex = header.strip().substring(PREFIX.length());
        if (hex.length() != HEX_LENGTH) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        // Constant time, so response timing does not reveal how many leading bytes matched.
        return MessageDigest.isEqual(expected, given);
    }

    private static byte[] mac(byte[] body, String secret) {
        Objects.requireNonNull(body, "body");
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("webhook secret is missing");
        }
        return HmacSha256.of(secret.getBytes(StandardCharsets.UTF_8), body);
    }
}
