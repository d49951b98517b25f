package org.opencrm.core.notify;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencrm.core.signing.HmacSha256;
import org.opencrm.core.signing.WebhookSignature;
import org.opencrm.core.store.JsonText;

/**
 * Each robot's wire format and signature, pure:
 *
 * <ul>
 *   <li>WeCom: markdown, no signature (the key is in the URL);
 *   <li>DingTalk: markdown; the URL gains {@code timestamp} (ms) and {@code sign} = url-encoded
 *       base64 HMAC-SHA256(secret, timestamp + "\n" + secret);
 *   <li>Feishu: text; the body carries {@code timestamp} (s) and {@code sign} = base64 HMAC-SHA256
 *       keyed with timestamp + "\n" + secret over nothing;
 *   <li>a generic webhook: the notification as JSON, {@code X-Crm-Signature: sha256=<hex>} over the
 *       body and an {@code Idempotency-Key}.
 * </ul>
 */
public final class RobotMessages {

    private RobotMessages() {}

    /** One HTTP POST, ready to send. */
    public record Outbound(URI uri, Map<String, String> headers, String body) {}

    public static Outbound of(Robot robot, Notification notification, Instant at) {
        return switch (robot.type()) {
            case WECOM -> wecom(robot, notification);
            case DINGTALK -> dingtalk(robot, notification, at);
            case FEISHU -> feishu(robot, notification, at);
            case WEBHOOK -> webhook(robot, notification);
        };
    }

    private static Outbound wecom(Robot robot, Notification notification) {
        Map<String, Object> body =
                Map.of(
                        "msgtype",
                        "markdown",
                        "markdown",
                        Map.of(
                                "content",
                                "**" + notification.title() + "**\n" + notification.body()));
        return json(URI.create(robot.url()), body, Map.of());
    }

    private static Outbound dingtalk(Robot robot, Notification notification, Instant at) {
        String timestamp = Long.toString(at.toEpochMilli());
        String sign =
                URLEncoder.encode(
                        base64(
                                HmacSha256.of(
                                        robot.secret().getBytes(StandardCharsets.UTF_8),
                                        (timestamp + "\n" + robot.secret())
                                                .getBytes(StandardCharsets.UTF_8))),
                        StandardCharsets.UTF_8);
        String separator = robot.url().contains("?") ? "&" : "?";
        URI uri = URI.create(robot.url() + separator + "timestamp=" + timestamp + "&sign=" + sign);
        Map<String, Object> body =
                Map.of(
                        "msgtype",
                        "markdown",
                        "markdown",
                        Map.of(
                                "title",
                                notification.title(),
                                "text",
                                "#### " + notification.title() + "\n" + notification.body()));
        return json(uri, body, Map.of());
    }

    private static Outbound feishu(Robot robot, Notification notification, Instant at) {
        String timestamp = Long.toString(at.getEpochSecond());
        String sign =
                base64(
                        HmacSha256.of(
                                (timestamp + "\n" + robot.secret())
                                        .getBytes(StandardCharsets.UTF_8),
                                new byte[0]));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", timestamp);
        body.put("sign", sign);
        body.put("msg_type", "text");
        body.put("content", Map.of("text", notification.title() + "\n" + notification.body()));
        return json(URI.create(robot.url()), body, Map.of());
    }

    private static Outbound webhook(Robot robot, Notification notification) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", notification.id());
        body.put("kind", notification.kind().name());
        body.put("recipientId", notification.recipientId());
        body.put("title", notification.title());
        body.put("body", notification.body());
        body.put("payload", notification.payload());
        body.put("createdAt", notification.createdAt().toString());
        String text = JsonText.write(body);
        return new Outbound(
                URI.create(robot.url()),
                Map.of(
                        "Content-Type",
                        "application/json",
                        WebhookSignature.HEADER,
                        WebhookSignature.sign(
                                text.getBytes(StandardCharsets.UTF_8), robot.secret()),
                        "Idempotency-Key",
                        notification.id()),
                text);
    }

    /**
     * The finance document of a signed customer: contract number, invoice amount, payee
     * account, golden id and the source stamp, HMAC-signed over the body, with the notification id
     * as idempotency key so a retried push is recognisable.
     */
    public static Outbound finance(
            Robot endpoint, String payeeAccount, Notification notification, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, String> facts = notification.payload();
        body.put("customerId", facts.get("customerId"));
        body.put("customerGoldenId", facts.get("goldenId"));
        body.put("contractNumber", facts.get("contractNumber"));
        body.put("invoiceAmount", facts.get("invoiceAmount"));
        body.put(
                "payeeAccount",
                payeeAccount == null || payeeAccount.isBlank() ? null : payeeAccount);
        body.put(
                "source",
                Map.of(
                        "system",
                        "crm",
                        "timestamp",
                        facts.getOrDefault("signedAt", at.toString())));
        String text = JsonText.write(body);
        return new Outbound(
                URI.create(endpoint.url()),
                Map.of(
                        "Content-Type",
                        "application/json",
                        WebhookSignature.HEADER,
                        WebhookSignature.sign(
                                text.getBytes(StandardCharsets.UTF_8), endpoint.secret()),
                        "Idempotency-Key",
                        notification.id()),
                text);
    }

    private static Outbound json(URI uri, Map<String, Object> body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return new Outbound(uri, all, JsonText.write(body));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
