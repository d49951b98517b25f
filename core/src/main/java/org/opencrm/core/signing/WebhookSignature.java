package org.opencrm.core.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Signatures of webhooks: the header {@code X-Crm-Signature: sha256=<hex>} carries an HMAC-SHA-256
 * under the channel's secret over the raw body bytes (not a re-serialised body: any re-encoding of
 * the JSON would change the MAC).
 *
 * <p>Lead deliveries (issue 18) sign more than the body: {@code <delivery id>.<timestamp>.<body>},
 * the Standard Webhooks layout, with the delivery id in {@link #DELIVERY_HEADER} and the Unix
 * timestamp in seconds in {@link #TIMESTAMP_HEADER}. Signed, the timestamp bounds how long a
 * captured request can be replayed, and the id, answered once, stops the replays inside that
 * window. The body-only form stays for the robots' outbound messages and channels in transition.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Crm-Signature";
    public static final String TIMESTAMP_HEADER = "X-Crm-Timestamp";
    public static final String DELIVERY_HEADER = "X-Crm-Delivery";
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

    /** The header value for a lead delivery: the MAC of {@code <id>.<timestamp>.<body>}. */
    public static String signDelivery(
            String deliveryId, String timestamp, byte[] body, String secret) {
        return sign(signedContent(deliveryId, timestamp, body), secret);
    }

    /**
     * True only when the header holds the MAC of {@code <id>.<timestamp>.<body>}; see {@link
     * #verify}.
     */
    public static boolean verifyDelivery(
            String header, String deliveryId, String timestamp, byte[] body, String secret) {
        return verify(header, signedContent(deliveryId, timestamp, body), secret);
    }

    /** What a lead delivery's signature covers, byte for byte. */
    static byte[] signedContent(String deliveryId, String timestamp, byte[] body) {
        Objects.requireNonNull(body, "body");
        byte[] prefix = (deliveryId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return content;
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
