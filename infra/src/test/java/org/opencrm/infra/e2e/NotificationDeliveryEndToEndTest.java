package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.signing.WebhookSignature;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.auth.DevTokens;

/**
 * Lead events reach people through the notifications stream and the dispatcher function: one inbox
 * row, one robot message per configured channel (DingTalk signed), and a webhook that refuses the
 * first three attempts gets the message once, on a later retry.
 */
class NotificationDeliveryEndToEndTest extends LocalCloudEndToEnd {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void
            assignedLead_reachesTheInbox_andEachConfiguredRobotOnce_dingTalkSigned_flakyWebhookOnALaterRetry()
                    throws Exception {
        String region = "n" + UUID.randomUUID().toString().substring(0, 8);
        String team = "t" + region;
        try (Receiver dingtalk = Receiver.start(0, "{\"errcode\":0,\"errmsg\":\"ok\"}");
                Receiver wecom = Receiver.start(0, "{\"errcode\":0}");
                Receiver webhook = Receiver.start(3, "{}")) {
            // GIVEN a rep with a DingTalk robot of their own, their team on WeCom, another rep on a
            // flaky webhook
            String rep = "rep-" + region;
            String other = "other-" + region;
            String repToken = api.createUser(rep, "SALES_REP", region, team, null);
            api.createUser(other, "SALES_REP", region + "x", team + "x", null);
            Map<String, Object> robots = new HashMap<>();
            robots.put(
                    "user:" + rep,
                    Map.of(
                            "type",
                            "DINGTALK",
                            "url",
                            dingtalk.url("/robot/send?access_token=abc"),
                            "secret",
                            "SECdingtalk"));
            robots.put(
                    "team:" + team,
                    Map.of("type", "WECOM", "url", wecom.url("/cgi-bin/webhook/send?key=k")));
            robots.put(
                    "user:" + other,
                    Map.of(
                            "type",
                            "WEBHOOK",
                            "url",
                            webhook.url("/hooks/crm"),
                            "secret",
                            "hook-secret"));
            long version =
                    api.data(
                                    admin(),
                                    "{ configuration(name: \"notifications\") { version } }",
                                    Map.of())
                            .at("/configuration/version")
                            .asLong();
            api.data(
                    admin(),
                    "mutation($v: Int!, $value: JSON!) { setConfiguration(name: \"notifications\", "
                            + "expectedVersion: $v, value: $value, note: \"robots\") { version } }",
                    Map.of("v", version, "value", Map.of("robots", robots)));

            // WHEN a lead of the rep's region is assigned to them
            String leadId = ingest(region);
            TestSupport.await("the DingTalk message", () -> dingtalk.delivered() == 1);

            // THEN one inbox row, delivered to INBOX and DINGTALK only (the rep's own robot wins
            // over the team's)
            JsonNode inbox =
                    api.data(
                            repToken,
                            "{ unreadCount notifications(first: 10) { edges { node { id kind "
                                    + "channels { channel status attempts } } } } }",
                            Map.of());
            assertEquals(1, inbox.get("unreadCount").asInt());
            JsonNode node = inbox.at("/notifications/edges/0/node");
            assertEquals("LEAD_ASSIGNED", node.get("kind").asText());
            TestSupport.await(
                    "the DINGTALK status",
                    () ->
                            api.data(
                                            repToken,
                                            "{ notifications(first: 1) { edges { node "
                                                    + "{ channels { channel status } } } } }",
                                            Map.of())
                                    .toString()
                                    .contains("\"DINGTALK\",\"status\":\"SENT\""));
            assertEquals(0, wecom.hits().size());
            // AND the DingTalk request is markdown and carries a valid signature
            Receiver.Hit hit = dingtalk.hits().get(0);
            Map<String, String> query = query(hit.uri().getRawQuery());
            String expected =
                    Base64.getEncoder()
                            .encodeToString(
                                    hmac(
                                            "SECdingtalk".getBytes(StandardCharsets.UTF_8),
                                            (query.get("timestamp") + "\n" + "SECdingtalk")
                                                    .getBytes(StandardCharsets.UTF_8)));
            assertEquals(expected, URLDecoder.decode(query.get("sign"), StandardCharsets.UTF_8));
            assertEquals("markdown", JSON.readTree(hit.body()).get("msgtype").asText());
            // AND marking it read empties the badge
            assertEquals(
                    1,
                    api.data(
                                    repToken,
                                    "mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }",
                                    Map.of("ids", List.of(node.get("id").asText())))
                            .get("markNotificationsRead")
                            .asInt());
            assertEquals(
                    0, api.data(repToken, "{ unreadCount }", Map.of()).get("unreadCount").asInt());

            // WHEN the lead goes by hand to the rep on the flaky webhook
            JsonNode lead =
                    api.data(
                            admin(),
                            "query($id: ID!) { lead(id: $id) { version } }",
                            Map.of("id", leadId));
            api.data(
                    admin(),
                    "mutation($id: ID!, $u: ID!, $v: Int!) { assignLead(id: $id, userId: $u, expectedVersion: $v) "
                            + "{ ownerId } }",
                    Map.of("id", leadId, "u", other, "v", lead.at("/lead/version").asInt()));
            TestSupport.await("the first refused attempt", () -> webhook.hits().size() >= 1);
            TestSupport.await(
                    "the failure listed for admins",
                    () ->
                            api.data(
                                            admin(),
                                            "{ deliveryFailures { id "
                                                    + "kind channels { channel status reason } } }",
                                            Map.of())
                                    .toString()
                                    .contains("HTTP 500"));
            // the retries come due after 30 s, 60 s and 120 s of backoff
            for (String wait : List.of("PT31S", "PT61S", "PT121S", "PT241S")) {
                TestSupport.post(cloud, "/_local/clock/advance?by=" + wait, "", Map.of());
                TestSupport.post(
                        cloud, "/_local/schedules/NotificationRetryFunction/fire", "", Map.of());
            }

            // THEN it arrived once, on the fourth attempt, signed
            TestSupport.await("the webhook delivery", () -> webhook.delivered() == 1);
            TestSupport.post(cloud, "/_local/clock/advance?by=PT10M", "", Map.of());
            TestSupport.post(
                    cloud, "/_local/schedules/NotificationRetryFunction/fire", "", Map.of());
            assertEquals(1, webhook.delivered());
            assertEquals(4, webhook.hits().size());
            Receiver.Hit delivered = webhook.hits().get(3);
            assertTrue(
                    WebhookSignature.verify(
                            delivered.headers().get("X-crm-signature").get(0),
                            delivered.body().getBytes(StandardCharsets.UTF_8),
                            "hook-secret"),
                    delivered.headers().toString());
            assertEquals(1, dingtalk.delivered(), "nothing sent twice");
        }
    }

    @Test
    void sameBatchDeliveredAgain_orCutShortByACrash_sendsNothingTwice() throws Exception {
        String user = "u-" + UUID.randomUUID().toString().substring(0, 8);
        try (Receiver webhook = Receiver.start(0, "{}")) {
            // GIVEN a user whose notifications go to a webhook
            api.createUser(user, "SALES_REP", "east", "east-1", null);
            long version =
                    api.data(
                                    admin(),
                                    "{ configuration(name: \"notifications\") { version value } }",
                                    Map.of())
                            .at("/configuration/version")
                            .asLong();
            JsonNode current =
                    api.data(
                                    admin(),
                                    "{ configuration(name: \"notifications\") { value } }",
                                    Map.of())
                            .at("/configuration/value/robots");
            Map<String, Object> robots = JSON.convertValue(current, Map.class);
            robots.put(
                    "user:" + user,
                    Map.of(
                            "type",
                            "WEBHOOK",
                            "url",
                            webhook.url("/hooks/crm"),
                            "secret",
                            "s3cret"));
            api.data(
                    admin(),
                    "mutation($v: Int!, $value: JSON!) { setConfiguration(name: \"notifications\", "
                            + "expectedVersion: $v, value: $value, note: \"webhook\") { version } }",
                    Map.of("v", version, "value", Map.of("robots", robots)));
            CoreServices services = cloud.services();

            // WHEN ten notifications are written (the real stream dispatches them), and a second
            // dispatcher sees the
            // same batch cut short by a crash after five records, then whole, then whole again
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Notification notification =
                        Notification.of(
                                "test-" + user + "-" + i,
                                user,
                                NotificationKind.SLA_WARNING,
                                "Warning " + i,
                                "body",
                                Map.of(),
                                AppClock.SHARED.instant());
                services.outbox().send(notification);
                ids.add(notification.id());
            }
            ids.subList(0, 5).forEach(services.dispatcher()::dispatch);
            ids.forEach(services.dispatcher()::dispatch);
            ids.forEach(services.dispatcher()::dispatch);
            TestSupport.await("ten deliveries", () -> webhook.delivered() == 10);
            services.dispatcher().redrive(500);

            // THEN each arrived exactly once, each with its own idempotency key
            assertEquals(10, webhook.hits().size());
            assertEquals(
                    10,
                    webhook.hits().stream()
                            .map(hit -> hit.headers().get("Idempotency-key").get(0))
                            .distinct()
                            .count());
        }
    }

    @Test
    void signedContract_isPushedToFinanceOnce_signed_afterTheReceiverComesBack() throws Exception {
        try (Receiver finance = Receiver.start(3, "{\"ack\":true}")) {
            // GIVEN the finance endpoint is configured, and down for its first three requests
            JsonNode config =
                    api.data(
                            admin(),
                            "{ configuration(name: \"notifications\") { version } }",
                            Map.of());
            api.data(
                    admin(),
                    "mutation($v: Int!, $value: JSON!) { setConfiguration(name: \"notifications\", "
                            + "expectedVersion: $v, value: $value, note: \"finance\") { version } }",
                    Map.of(
                            "v",
                            config.at("/configuration/version").asLong(),
                            "value",
                            Map.of(
                                    "finance",
                                    Map.of(
                                            "type",
                                            "WEBHOOK",
                                            "url",
                                            finance.url("/finance/customers"),
                                            "secret",
                                            "fin-secret"),
                                    "financePayeeAccount",
                                    "ICBC 6222 0200 1234 5678")));
            JsonNode created =
                    api.data(
                                    admin(),
                                    "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id version } }",
                                    Map.of(
                                            "in",
                                            Map.of(
                                                    "name",
                                                    "Signing Ltd",
                                                    "phone",
                                                    ApiClient.uniqueMobile(),
                                                    "region",
                                                    "east")))
                            .get("createCustomer");
            String id = created.get("id").asText();

            api.data(
                    admin(),
                    "mutation($id: ID!, $v: Int!) { updateCustomer(id: $id, expectedVersion: $v, "
                            + "input: {contractAmount: 128000.5}) { version } }",
                    Map.of("id", id, "v", created.get("version").asInt()));

            // WHEN a deal of the customer is won (its legal opinion uploaded, margin 40): the
            // customer's stage follows it to SIGNED
            uploadLegalOpinion(id);
            JsonNode deal =
                    api.data(
                                    admin(),
                                    "mutation($in: CreateDealInput!) { createDeal(input: $in) { id version } }",
                                    Map.of(
                                            "in",
                                            Map.of(
                                                    "customerId",
                                                    id,
                                                    "title",
                                                    "Signing deal",
                                                    "amount",
                                                    "128000.50",
                                                    "grossMarginPercent",
                                                    40)))
                            .get("createDeal");
            // the opinion counts once its arrival is confirmed (the bucket's event)
            TestSupport.await(
                    "the deal won",
                    () ->
                            "OK"
                                    .equals(
                                            ApiClient.outcome(
                                                    api.run(
                                                            admin(),
                                                            "mutation($id: ID!) { moveDeal(id: $id, expectedVersion: 1, toStage: SIGNED) { stage } }",
                                                            Map.of(
                                                                    "id",
                                                                    deal.get("id").asText())))));
            // and the paper contract of the won deal is recorded as signed (R-10: the signing of
            // the contract, with its real number, is what finance is told)
            String contractNumber = ApiClient.unique("HT").toUpperCase(java.util.Locale.ROOT);
            Map<String, Object> contractInput = new java.util.LinkedHashMap<>();
            contractInput.put("number", contractNumber);
            contractInput.put("customerId", id);
            contractInput.put("dealId", deal.get("id").asText());
            contractInput.put("amount", "128000.50");
            contractInput.put("taxRate", "0.13");
            contractInput.put("signedAt", java.time.Instant.now().minusSeconds(60).toString());
            api.data(
                    admin(),
                    "mutation($in: ContractInput!) { createContract(input: $in) { id status } }",
                    Map.of("in", contractInput));
            TestSupport.await("the first refused push", () -> finance.hits().size() >= 1);
            for (String wait : List.of("PT31S", "PT61S", "PT121S", "PT241S")) {
                TestSupport.post(cloud, "/_local/clock/advance?by=" + wait, "", Map.of());
                TestSupport.post(
                        cloud, "/_local/schedules/NotificationRetryFunction/fire", "", Map.of());
            }
            TestSupport.await(
                    "the push after the receiver came back", () -> finance.delivered() == 1);
            TestSupport.post(cloud, "/_local/clock/advance?by=PT10M", "", Map.of());
            TestSupport.post(
                    cloud, "/_local/schedules/NotificationRetryFunction/fire", "", Map.of());

            // THEN it arrived once, its HMAC verifies, it names the golden id and amount, and the
            // customer shows it SENT
            assertEquals(1, finance.delivered());
            Receiver.Hit push = finance.hits().get(finance.hits().size() - 1);
            assertTrue(
                    WebhookSignature.verify(
                            push.headers().get("X-crm-signature").get(0),
                            push.body().getBytes(StandardCharsets.UTF_8),
                            "fin-secret"));
            JsonNode document = JSON.readTree(push.body());
            assertEquals(id, document.at("/customerId/value").asText());
            assertEquals(64, document.at("/customerGoldenId/value").asText().length());
            assertEquals(contractNumber, document.at("/contractNumber/value").asText());
            assertEquals("crm", document.at("/contractNumber/source/system").asText());
            assertTrue(document.at("/contractNumber/source/timestamp").isTextual());
            assertEquals("128000.50", document.at("/invoiceAmount/value").asText());
            assertEquals("crm", document.at("/source/system").asText());
            assertEquals("ICBC 6222 0200 1234 5678", document.at("/payeeAccount/value").asText());
            assertEquals("crm-settings", document.at("/payeeAccount/source/system").asText());
            assertTrue(document.at("/source/timestamp").isTextual());
            assertEquals(
                    push.headers().get("Idempotency-key").get(0),
                    finance.hits().get(0).headers().get("Idempotency-key").get(0));
            JsonNode status =
                    api.data(
                                    admin(),
                                    "query($id: ID!) { customer(id: $id) { syncStatus { channel status attempts } } }",
                                    Map.of("id", id))
                            .at("/customer/syncStatus");
            assertEquals("SENT", status.get("status").asText());
            assertEquals(4, status.get("attempts").asInt());
        }
    }

    /** A legal opinion PDF filed for the customer through the presigned upload. */
    private static void uploadLegalOpinion(String customerId) throws Exception {
        byte[] pdf = "%PDF-1.7\n% an opinion\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        JsonNode upload =
                api.data(
                                admin(),
                                "mutation($in: UploadInput!) { createUpload(input: $in) { url method headers { name value } } }",
                                Map.of(
                                        "in",
                                        Map.of(
                                                "purpose", "ATTACHMENT",
                                                "fileName", "legal opinion.pdf",
                                                "contentType", "application/pdf",
                                                "size", pdf.length,
                                                "entityId", customerId,
                                                "kind", "LEGAL_OPINION")))
                        .at("/createUpload");
        HttpRequest.Builder put =
                HttpRequest.newBuilder(URI.create(upload.at("/url").asText()))
                        .method(
                                upload.at("/method").asText(),
                                HttpRequest.BodyPublishers.ofByteArray(pdf));
        for (JsonNode header : upload.at("/headers")) {
            put.header(header.at("/name").asText(), header.at("/value").asText());
        }
        HttpResponse<String> stored =
                HttpClient.newBuilder()
                        .proxy(HttpClient.Builder.NO_PROXY)
                        .build()
                        .send(put.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stored.statusCode(), stored.body());
    }

    @Test
    void repWhoChoseTheInboxOnly_getsNoRobotMessage() throws Exception {
        String region = "p" + UUID.randomUUID().toString().substring(0, 8);
        try (Receiver wecom = Receiver.start(0, "{\"errcode\":0}")) {
            String rep = "rep-" + region;
            String repToken = api.createUser(rep, "SALES_REP", region, "t" + region, null);
            JsonNode config =
                    api.data(
                            admin(),
                            "{ configuration(name: \"notifications\") { version value } }",
                            Map.of());
            Map<String, Object> robots =
                    JSON.convertValue(config.at("/configuration/value/robots"), Map.class);
            robots.put("user:" + rep, Map.of("type", "WECOM", "url", wecom.url("/send?key=k")));
            api.data(
                    admin(),
                    "mutation($v: Int!, $value: JSON!) { setConfiguration(name: \"notifications\", "
                            + "expectedVersion: $v, value: $value, note: \"robot\") { version } }",
                    Map.of(
                            "v",
                            config.at("/configuration/version").asLong(),
                            "value",
                            Map.of("robots", robots)));

            JsonNode chosen =
                    api.data(
                            repToken,
                            "mutation { setNotificationPreferences(kind: LEAD_ASSIGNED, channels: [\"INBOX\"]) }",
                            Map.of());
            ingest(region);
            TestSupport.await(
                    "the inbox row",
                    () ->
                            api.data(repToken, "{ unreadCount }", Map.of())
                                            .get("unreadCount")
                                            .asInt()
                                    == 1);
            TestSupport.await(
                    "its delivery plan",
                    () ->
                            api.data(
                                            repToken,
                                            "{ notifications(first: 1) { edges { node "
                                                    + "{ channels { channel } } } } }",
                                            Map.of())
                                    .toString()
                                    .contains("INBOX"));

            assertEquals("[\"INBOX\"]", chosen.get("setNotificationPreferences").toString());
            JsonNode channels =
                    api.data(
                                    repToken,
                                    "{ notifications(first: 1) { edges { node { channels { channel status } } } } }",
                                    Map.of())
                            .at("/notifications/edges/0/node/channels");
            assertEquals(1, channels.size(), channels.toString());
            assertEquals(0, wecom.hits().size());
        }
    }

    private static String ingest(String region) {
        return api.ingestWebsiteLead(admin(), region);
    }

    private static String admin() {
        return DevTokens.fromEnvironment(AppClock.SHARED).mint(DemoOrg.ADMIN);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        return values;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
