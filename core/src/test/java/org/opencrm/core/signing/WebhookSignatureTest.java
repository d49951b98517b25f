package org.opencrm.core.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {

    // RFC 4231 test case 2.
    private static final String RFC_SECRET = "Jefe";
    private static final byte[] RFC_BODY =
            "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    private static final String RFC_HEX =
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    private static final String SECRET = "demo-secret-facebook";
    private static final byte[] BODY =
            "{\"leadgen_id\":\"123\",\"phone\":\"+8613812345678\"}"
                    .getBytes(StandardCharsets.UTF_8);

    private static String independentHeader(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void sign_matchesRfc4231TestCase2() {
        assertEquals("sha256=" + RFC_HEX, WebhookSignature.sign(RFC_BODY, RFC_SECRET));
    }

    @Test
    void sign_isTheHmacOfTheRawBody_underTheChannelSecret() throws Exception {
        assertEquals(independentHeader(BODY, SECRET), WebhookSignature.sign(BODY, SECRET));
    }

    @Test
    void verify_acceptsRfc4231TestCase2() {
        assertTrue(WebhookSignature.verify("sha256=" + RFC_HEX, RFC_BODY, RFC_SECRET));
    }

    @Test
    void verify_acceptsUpperCaseHex() {
        assertTrue(
                WebhookSignature.verify(
                        "sha256=" + RFC_HEX.toUpperCase(Locale.ROOT), RFC_BODY, RFC_SECRET));
    }

    @Test
    void verify_acceptsAHeaderSignedIndependently() throws Exception {
        assertTrue(WebhookSignature.verify(independentHeader(BODY, SECRET), BODY, SECRET));
    }

    @Test
    void verify_refusesATamperedBody() {
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] ^= 1;

        assertFalse(WebhookSignature.verify(WebhookSignature.sign(BODY, SECRET), tampered, SECRET));
    }

    @Test
    void verify_refusesASignatureUnderAnotherChannelsSecret() {
        String header = WebhookSignature.sign(BODY, "demo-secret-tiktok");

        assertFalse(WebhookSignature.verify(header, BODY, SECRET));
    }

    @Test
    void verify_refusesAOneBitChangeInTheSignature() {
        String flipped = "sha256=" + (RFC_HEX.charAt(0) == '5' ? '4' : '5') + RFC_HEX.substring(1);

        assertFalse(WebhookSignature.verify(flipped, RFC_BODY, RFC_SECRET));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "   ",
                "sha256=",
                "sha1=" + RFC_HEX,
                "SHA256=" + RFC_HEX,
                RFC_HEX,
                "sha256:" + RFC_HEX,
                "sha256=" + RFC_HEX + "00",
                "sha256=" + "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec384",
                "sha256=zbdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec384g"
            })
    void verify_refusesMissingOrMalformedHeaders_withoutThrowing(String header) {
        assertFalse(WebhookSignature.verify(header, RFC_BODY, RFC_SECRET));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void verify_throws_whenTheChannelHasNoSecret_becauseThatIsADeploymentFault(String secret) {
        assertThrows(
                IllegalArgumentException.class,
                () -> WebhookSignature.verify("sha256=" + RFC_HEX, RFC_BODY, secret));
    }

    @Test
    void signDelivery_isTheHmacOfIdDotTimestampDotBody_andVerifiesOnlyThose() throws Exception {
        // GIVEN the Standard Webhooks layout, computed independently
        byte[] content =
                ("dlv-1.1767225600." + new String(BODY, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignature.signDelivery("dlv-1", "1767225600", BODY, SECRET);

        assertEquals(independentHeader(content, SECRET), header);
        assertTrue(WebhookSignature.verifyDelivery(header, "dlv-1", "1767225600", BODY, SECRET));
        // another id, another time, or the body alone: not the same signature
        assertFalse(WebhookSignature.verifyDelivery(header, "dlv-2", "1767225600", BODY, SECRET));
        assertFalse(WebhookSignature.verifyDelivery(header, "dlv-1", "1767225601", BODY, SECRET));
        assertFalse(WebhookSignature.verify(header, BODY, SECRET));
    }
}
