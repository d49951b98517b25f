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
     * The finance document of a signed contract: the contract number, the amount to invoice,
     * the payee account, the customer's ids, each value as {@code {"value": .., "source":
     * {"system": .., "timestamp": ..}}} so a wrong value in the finance system can be traced to
     * where and when it was taken; HMAC-signed over the body, with the notification id as
     * idempotency key so a retried push is recognisable.
     */
    public static Outbound finance(
            Robot endpoint, String payeeAccount, Notification notification, Instant at) {
        Map<String, String> facts = notification.payload();
        String system = facts.getOrDefault("sourceSystem", "crm");
        String stampedAt =
                facts.getOrDefault("stampedAt", facts.getOrDefault("signedAt", at.toString()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", stamped(facts.get("customerId"), system, stampedAt));
        body.put("customerGoldenId", stamped(facts.get("goldenId"), system, stampedAt));
        body.put("contractId", stamped(facts.get("contractId"), system, stampedAt));
        body.put("contractNumber", stamped(facts.get("contractNumber"), system, stampedAt));
        body.put("invoiceAmount", stamped(facts.get("invoiceAmount"), system, stampedAt));
        body.put("taxAmount", stamped(facts.get("taxAmount"), system, stampedAt));
        body.put("signedAt", stamped(facts.get("signedAt"), system, stampedAt));
        // the account comes from the notification settings, as they stand when the push is sent
        body.put(
                "payeeAccount",
                stamped(
                        payeeAccount == null || payeeAccount.isBlank() ? null : payeeAccount,
                        system + "-settings",
                        at.toString()));
        body.put("source", Map.of("system", system, "timestamp", stampedAt));
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

    /** A synced value with its source stamp; null when there is no value. */
    private static Map<String, Object> stamped(String value, String system, String timestamp) {
        if (value == null) {
            return null;
        }
        Map<String, Object> stamped = new LinkedHashMap<>();
        stamped.put("value", value);
        stamped.put("source", Map.of("system", system, "timestamp", timestamp));
        return stamped;
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
