package org.opencrm.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.opencrm.core.signing.WebhookSignature;

class RobotMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-23T08:00:00Z");
    private static final Notification NOTE =
            new Notification(
                    "SLA_WARNING#lead-1#v3#rep-1",
                    "rep-1",
                    NotificationKind.SLA_WARNING,
                    "Lead taken back",
                    "not viewed in time",
                    Map.of("leadId", "lead-1"),
                    AT,
                    false);

    @Test
    void wecom_isMarkdown_withTitleAndBody() throws Exception {
        RobotMessages.Outbound out =
                RobotMessages.of(
                        new Robot(Robot.RobotType.WECOM, "https://qyapi.example/send?key=k", null),
                        NOTE,
                        AT);

        JsonNode body = JSON.readTree(out.body());
        assertEquals("markdown", body.get("msgtype").asText());
        assertEquals(
                "**Lead taken back**\nnot viewed in time", body.at("/markdown/content").asText());
        assertEquals("https://qyapi.example/send?key=k", out.uri().toString());
    }

    @Test
    void feishu_signsTimestampAndSecret_asTheKeyOverNothing() throws Exception {
        RobotMessages.Outbound out =
                RobotMessages.of(
                        new Robot(
                                Robot.RobotType.FEISHU, "https://open.example/hook/x", "fs-secret"),
                        NOTE,
                        AT);

        JsonNode body = JSON.readTree(out.body());
        String timestamp = Long.toString(AT.getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(
                new SecretKeySpec(
                        (timestamp + "\n" + "fs-secret").getBytes(StandardCharsets.UTF_8),
                        "HmacSHA256"));
        assertEquals(timestamp, body.get("timestamp").asText());
        assertEquals(
                Base64.getEncoder().encodeToString(mac.doFinal(new byte[0])),
                body.get("sign").asText());
        assertEquals("text", body.get("msg_type").asText());
    }

    @Test
    void dingtalk_addsTimestampInMillisAndSign_toTheUrl() {
        RobotMessages.Outbound out =
                RobotMessages.of(
                        new Robot(
                                Robot.RobotType.DINGTALK,
                                "https://oapi.example/robot/send?access_token=t",
                                "SEC1"),
                        NOTE,
                        AT);

        assertTrue(
                out.uri()
                        .toString()
                        .startsWith(
                                "https://oapi.example/robot/send?access_token=t&timestamp="
                                        + AT.toEpochMilli()
                                        + "&sign="),
                out.uri().toString());
    }

    @Test
    void webhook_isSignedOverTheBody_andCarriesTheNotificationIdAsIdempotencyKey() {
        RobotMessages.Outbound out =
                RobotMessages.of(
                        new Robot(Robot.RobotType.WEBHOOK, "https://erp.example/hook", "k"),
                        NOTE,
                        AT);

        assertTrue(
                WebhookSignature.verify(
                        out.headers().get(WebhookSignature.HEADER),
                        out.body().getBytes(StandardCharsets.UTF_8),
                        "k"));
        assertEquals(NOTE.id(), out.headers().get("Idempotency-Key"));
    }

    @Test
    void finance_carriesTheContractsValues_eachWithItsSourceStamp_signed_withTheIdempotencyKey()
            throws Exception {
        Notification signed =
                new Notification(
                        "FINANCE_SYNC#k1#v1#finance:c1",
                        "finance:c1",
                        NotificationKind.FINANCE_SYNC,
                        "Contract signed",
                        "HT-2026-7",
                        Map.of(
                                "customerId",
                                "c1",
                                "goldenId",
                                "ab12",
                                "contractId",
                                "k1",
                                "invoiceAmount",
                                "128000.50",
                                "contractNumber",
                                "HT-2026-7",
                                "signedAt",
                                "2026-11-23T08:00:00Z",
                                "sourceSystem",
                                "crm",
                                "stampedAt",
                                "2026-11-23T08:00:01Z"),
                        AT,
                        false);

        RobotMessages.Outbound out =
                RobotMessages.finance(
                        new Robot(Robot.RobotType.WEBHOOK, "https://fin.example/in", "k"),
                        "ICBC 1",
                        signed,
                        AT);

        JsonNode body = JSON.readTree(out.body());
        assertEquals("HT-2026-7", body.at("/contractNumber/value").asText());
        assertEquals("crm", body.at("/contractNumber/source/system").asText());
        assertEquals("2026-11-23T08:00:01Z", body.at("/contractNumber/source/timestamp").asText());
        assertEquals("128000.50", body.at("/invoiceAmount/value").asText());
        assertEquals("2026-11-23T08:00:01Z", body.at("/invoiceAmount/source/timestamp").asText());
        assertEquals("ICBC 1", body.at("/payeeAccount/value").asText());
        assertEquals("crm-settings", body.at("/payeeAccount/source/system").asText());
        assertEquals(AT.toString(), body.at("/payeeAccount/source/timestamp").asText());
        assertEquals("ab12", body.at("/customerGoldenId/value").asText());
        assertEquals("2026-11-23T08:00:01Z", body.at("/source/timestamp").asText());
        assertTrue(
                WebhookSignature.verify(
                        out.headers().get(WebhookSignature.HEADER),
                        out.body().getBytes(StandardCharsets.UTF_8),
                        "k"));
        assertEquals(signed.id(), out.headers().get("Idempotency-Key"));
    }

    @Test
    void failedDelivery_backsOffExponentially_andStopsAtMaxAttempts() {
        Delivery first =
                Delivery.pending("WECOM")
                        .sending(AT)
                        .failed("HTTP 500", AT, Duration.ofSeconds(30), 3);
        Delivery second = first.sending(AT).failed("HTTP 500", AT, Duration.ofSeconds(30), 3);
        Delivery third = second.sending(AT).failed("HTTP 500", AT, Duration.ofSeconds(30), 3);

        assertEquals(AT.plusSeconds(30), first.nextAttemptAt());
        assertEquals(AT.plusSeconds(60), second.nextAttemptAt());
        assertNull(third.nextAttemptAt());
        assertEquals(3, third.attempts());
    }
}
