package org.opencrm.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.idempotency.Idempotency;
import org.opencrm.core.idempotency.IdempotencyStore;
import org.opencrm.core.ratelimit.RateLimitStore;
import org.opencrm.core.ratelimit.RateLimiter;
import org.opencrm.core.ratelimit.RateLimits;
import org.opencrm.core.signing.WebhookSignature;
import org.opencrm.core.store.JsonText;
import org.opencrm.core.store.TableNames;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.time.AppClock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The lead webhook on DynamoDB Local (issue 18 item 5): signed timestamps and delivery ids, one
 * answer per delivery, channel budgets, the environment, and never a 5xx for a record that can be
 * quarantined.
 */
class LeadWebhookTest {

    private static final RateLimits ROOMY = new RateLimits(1000, 1000, 1000, 1000);
    private static final String CHANNEL = "facebook";

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final AppClock clock = new AppClock(Clock.systemUTC());

    private LeadWebhook webhook(DynamoDbClient client, TableNames tables, RateLimits limits) {
        return webhook(client, tables, limits, new WebhookSigning(List.of()));
    }

    /** The webhook as a container wires it, over {@code client} and {@code tables}. */
    private LeadWebhook webhook(
            DynamoDbClient client, TableNames tables, RateLimits limits, WebhookSigning signing) {
        CoreServices core =
                CoreServices.build(client, tables, clock, Duration.ZERO, LocalDynamo.demoSecrets());
        return new LeadWebhook(
                new LeadWebhook.Parts(
                        core.intake(),
                        core.secrets(),
                        new RateLimiter(new RateLimitStore(client, tables), () -> limits, clock),
                        new Idempotency(new IdempotencyStore(client, tables), clock),
                        () -> signing,
                        clock),
                "dev");
    }

    private LeadWebhook webhook() {
        return webhook(dynamo.client(), dynamo.tables(), ROOMY);
    }

    private static String lead(String phone) {
        return JsonText.write(List.of(Map.of("phone_number", phone, "full_name", "Webhook Lead")));
    }

    /** A record no rule accepts (its only contact is masked): it can only be quarantined. */
    private static String unusable() {
        return JsonText.write(
                List.of(Map.of("phone_number", "139****0000", "full_name", "Masked")));
    }

    private LeadWebhook.Request signed(String channel, String deliveryId, String body, long at) {
        String timestamp = Long.toString(at);
        Map<String, String> headers = new HashMap<>();
        headers.put(WebhookSignature.DELIVERY_HEADER, deliveryId);
        headers.put(WebhookSignature.TIMESTAMP_HEADER, timestamp);
        headers.put(
                WebhookSignature.HEADER,
                WebhookSignature.signDelivery(
                        deliveryId,
                        timestamp,
                        body.getBytes(StandardCharsets.UTF_8),
                        "demo-secret-" + channel));
        return request(channel, body, headers);
    }

    private LeadWebhook.Request signedNow(String deliveryId, String body) {
        return signed(CHANNEL, deliveryId, body, clock.instant().getEpochSecond());
    }

    private static LeadWebhook.Request request(
            String channel, String body, Map<String, String> headers) {
        return new LeadWebhook.Request(
                channel,
                body.getBytes(StandardCharsets.UTF_8),
                headers,
                "req-" + UUID.randomUUID(),
                "203.0.113.7");
    }

    private static String delivery() {
        return "dlv-" + UUID.randomUUID();
    }

    private static JsonNode json(LeadWebhook.Response response) {
        return JsonText.read(response.body(), JsonNode.class);
    }

    @Test
    void aSignedDelivery_isStored_andSentAgain_getsTheFirstAnswer_storingNothingTwice() {
        // GIVEN a signed delivery of one new lead
        LeadWebhook webhook = webhook();
        String id = delivery();
        String body = lead(TestCallers.uniqueMobile());

        // WHEN it arrives, and again re-signed with another timestamp, as a sender's retry is
        // (the clock stays put: the channel's budget lives on in the shared table)
        long now = clock.instant().getEpochSecond();
        LeadWebhook.Response first = webhook.receive(signed(CHANNEL, id, body, now - 60));
        LeadWebhook.Response again = webhook.receive(signed(CHANNEL, id, body, now));

        // THEN both answer the same one accepted lead, the second marked as a replay
        assertEquals(200, first.status(), first.body());
        assertEquals("ACCEPTED", json(first).at("/0/status").asText());
        assertEquals(first.body(), again.body());
        assertEquals("true", again.headers().get(LeadWebhook.REPLAYED_HEADER));
        assertNull(first.headers().get(LeadWebhook.REPLAYED_HEADER));
        // AND every answer says which environment gave it
        assertEquals("dev", first.headers().get(LeadWebhook.ENVIRONMENT_HEADER));
    }

    @Test
    void aDeliveryIdSentAgain_withAnotherBody_isRefused_namingTheHeader() {
        LeadWebhook webhook = webhook();
        String id = delivery();
        webhook.receive(signedNow(id, lead(TestCallers.uniqueMobile())));

        LeadWebhook.Response reused =
                webhook.receive(signedNow(id, lead(TestCallers.uniqueMobile())));

        assertEquals(422, reused.status(), reused.body());
        assertEquals(
                "IDEMPOTENCY_KEY_REUSED", json(reused).at("/errors/0/extensions/code").asText());
        assertEquals("X-Crm-Delivery", json(reused).at("/errors/0/extensions/field").asText());
    }

    @Test
    void aTimestampOutsideFiveMinutes_eitherWay_is401_namingTheWindow() {
        LeadWebhook webhook = webhook();
        long now = clock.instant().getEpochSecond();
        String body = lead(TestCallers.uniqueMobile());

        LeadWebhook.Response old = webhook.receive(signed(CHANNEL, delivery(), body, now - 301));
        LeadWebhook.Response ahead = webhook.receive(signed(CHANNEL, delivery(), body, now + 301));
        LeadWebhook.Response inside = webhook.receive(signed(CHANNEL, delivery(), body, now - 299));

        for (LeadWebhook.Response refused : List.of(old, ahead)) {
            JsonNode error = json(refused).at("/errors/0");
            assertEquals(401, refused.status(), refused.body());
            assertEquals("UNAUTHENTICATED", error.at("/extensions/code").asText());
            assertEquals("X-Crm-Timestamp", error.at("/extensions/field").asText());
            assertEquals("window", error.at("/extensions/rule").asText());
            assertEquals(300, error.at("/extensions/limit").asInt());
            assertEquals("dev", json(refused).at("/extensions/environment").asText());
        }
        assertTrue(json(old).at("/errors/0/message").asText().contains("301 s old"));
        assertEquals(200, inside.status(), inside.body());
    }

    @Test
    void aBodyOnlySignature_isRefused_unlessTheChannelIsInTransition() {
        // GIVEN a delivery signed the old way: the body alone, no timestamp
        String body = lead(TestCallers.uniqueMobile());
        Map<String, String> headers =
                Map.of(
                        WebhookSignature.HEADER,
                        WebhookSignature.sign(
                                body.getBytes(StandardCharsets.UTF_8), "demo-secret-" + CHANNEL));

        // WHEN it reaches a deployment that lists no channel in transition, and one that lists it
        LeadWebhook.Response strict = webhook().receive(request(CHANNEL, body, headers));
        LeadWebhook lenient =
                webhook(
                        dynamo.client(),
                        dynamo.tables(),
                        ROOMY,
                        new WebhookSigning(List.of(CHANNEL)));
        LeadWebhook.Response accepted = lenient.receive(request(CHANNEL, body, headers));
        LeadWebhook.Response resent = lenient.receive(request(CHANNEL, body, headers));

        // THEN the first refuses it for the missing timestamp; the second takes it, once
        assertEquals(401, strict.status(), strict.body());
        assertEquals("X-Crm-Timestamp", json(strict).at("/errors/0/extensions/field").asText());
        assertEquals("required", json(strict).at("/errors/0/extensions/rule").asText());
        assertEquals(200, accepted.status(), accepted.body());
        assertEquals(accepted.body(), resent.body());
        assertEquals("true", resent.headers().get(LeadWebhook.REPLAYED_HEADER));
    }

    @Test
    void aDeliveryForAnotherEnvironment_isRefused_sayingWhichAnswered() {
        Map<String, String> headers = new HashMap<>();
        headers.put("X-Crm-Env", "prod");

        LeadWebhook.Response refused =
                webhook().receive(request(CHANNEL, lead(TestCallers.uniqueMobile()), headers));

        assertEquals(400, refused.status());
        assertEquals(
                "ENVIRONMENT_MISMATCH", json(refused).at("/errors/0/extensions/code").asText());
        assertEquals("dev", json(refused).at("/extensions/environment").asText());
        assertEquals("dev", refused.headers().get("X-Crm-Env"));
    }

    @Test
    void aChannelOverItsBudget_is429_withRetryAfter() {
        // GIVEN a channel allowed 1 delivery a second, in bursts of 2
        String channel = "douyin";
        LeadWebhook webhook =
                webhook(dynamo.client(), dynamo.tables(), new RateLimits(1000, 1000, 1, 2));
        long now = clock.instant().getEpochSecond();

        // WHEN it sends three at once (its budget may hold the last test run's charges too)
        LeadWebhook.Response last = null;
        for (int i = 0; i < 3; i++) {
            last =
                    webhook.receive(
                            signed(channel, delivery(), lead(TestCallers.uniqueMobile()), now));
        }

        // THEN the third is refused, saying when to retry
        assertEquals(429, last.status(), last.body());
        assertEquals("RATE_LIMITED", json(last).at("/errors/0/extensions/code").asText());
        assertEquals(
                last.headers().get("Retry-After"),
                json(last).at("/errors/0/extensions/retryAfterSeconds").asText());
    }

    @Test
    void aQuarantineWriteThatFailsTwice_isTriedAgain_andTheRecordIsQuarantined() {
        // GIVEN the intake table refuses the next two writes (a passing outage)
        AtomicInteger failures = new AtomicInteger(2);
        String intake = dynamo.tables().intake();
        DynamoDbClient flaky =
                (DynamoDbClient)
                        Proxy.newProxyInstance(
                                DynamoDbClient.class.getClassLoader(),
                                new Class<?>[] {DynamoDbClient.class},
                                (proxy, method, args) -> {
                                    if (args != null
                                            && args.length == 1
                                            && args[0] instanceof PutItemRequest put
                                            && put.tableName().equals(intake)
                                            && failures.getAndDecrement() > 0) {
                                        throw DynamoDbException.builder()
                                                .statusCode(500)
                                                .message("injected: the table is unavailable")
                                                .build();
                                    }
                                    try {
                                        return method.invoke(dynamo.client(), args);
                                    } catch (InvocationTargetException thrown) {
                                        throw thrown.getCause();
                                    }
                                });

        // WHEN a delivery holding a record only quarantine can take arrives
        LeadWebhook.Response response =
                webhook(flaky, dynamo.tables(), ROOMY).receive(signedNow(delivery(), unusable()));

        // THEN it is quarantined all the same
        assertEquals(200, response.status(), response.body());
        assertEquals("QUARANTINED", json(response).at("/0/status").asText());
        assertTrue(failures.get() < 0, "both injected failures were met");
    }

    @Test
    void aRecordThatCannotBeStoredAtAll_is503WithRetryAfter_andTheSendersRetryStoresItOnce() {
        // GIVEN a deployment whose intake table is gone (quarantine cannot be written at all)
        TableNames broken = dynamo.tables().toBuilder().intake("crm-missing-intake").build();
        String id = delivery();
        String body = unusable();

        // WHEN the delivery arrives there
        LeadWebhook.Response unavailable =
                webhook(dynamo.client(), broken, ROOMY).receive(signedNow(id, body));

        // THEN it is a 503 telling the sender when to retry, never a 500
        assertEquals(503, unavailable.status(), unavailable.body());
        assertEquals("UNAVAILABLE", json(unavailable).at("/errors/0/extensions/code").asText());
        assertEquals("30", unavailable.headers().get("Retry-After"));
        assertEquals(30, json(unavailable).at("/errors/0/extensions/retryAfterSeconds").asInt());

        // AND WHEN the sender retries the same delivery once the table is back
        LeadWebhook.Response retried = webhook().receive(signedNow(id, body));
        LeadWebhook.Response resent = webhook().receive(signedNow(id, body));

        // THEN it is stored (its id was released), once: the next repeat is a replay
        assertEquals(200, retried.status(), retried.body());
        assertEquals("QUARANTINED", json(retried).at("/0/status").asText());
        assertNull(retried.headers().get(LeadWebhook.REPLAYED_HEADER));
        assertEquals(retried.body(), resent.body());
        assertEquals("true", resent.headers().get(LeadWebhook.REPLAYED_HEADER));
    }
}
