package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.notify.Delivery;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.notify.SnsSms;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.TestSupport;

/**
 * SMS to customers through the local cloud's dispatcher and retry functions and a loopback SNS
 * endpoint. Each function builds its SNS client once per container, as in AWS, so the endpoint is
 * set before this class's local cloud starts (and this class does not share one with the others).
 */
class SmsDeliveryEndToEndTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String BODY = "您好，顾问将尽快与您联系。";

    private static SnsReceiver sns;
    private static LocalCloud cloud;
    private static CoreServices services;

    @BeforeAll
    static void startSnsThenTheLocalCloud() throws Exception {
        sns = SnsReceiver.start();
        System.setProperty(SnsSms.ENDPOINT_URL, sns.url());
        cloud =
                LocalCloud.start(
                        LocalCloudOptions.forTests(
                                TestSupport.PROJECT_TEMPLATE.toAbsolutePath().normalize()));
        services = cloud.services();
    }

    @AfterAll
    static void stopTheLocalCloudThenSns() throws Exception {
        try {
            if (cloud != null) {
                cloud.close();
            }
        } finally {
            System.clearProperty(SnsSms.ENDPOINT_URL);
            sns.close();
        }
    }

    @Test
    void smsDueAt23h_isHeldUntil8h_thenSentOnce_signed_andTheDailyCapHolds() {
        // GIVEN it is 23:00 in Shanghai
        advanceTo(23);
        String phone = "+86" + ApiClient.uniqueMobile();

        // WHEN a wake-up SMS is due
        String id = sms(phone, "night");
        TestSupport.await("the SMS held", () -> smsOf(id).reason() != null);

        // THEN nothing went out overnight; after 08:00 the retry sends it, once
        assertTrue(smsOf(id).reason().contains("quiet hours"), smsOf(id).toString());
        assertEquals(List.of(), requestsTo(phone));
        advance("PT9H1M");
        TestSupport.await("the morning SMS", () -> publishedTo(phone) == 1);
        SnsReceiver.Request request = requestsTo(phone).get(0);
        assertEquals("Publish", request.action());
        assertEquals(BODY, request.message());
        assertTrue(
                String.valueOf(request.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=")
                        && request.authorization().contains("/sns/aws4_request"),
                request.authorization());

        // WHEN three more are due the same day (the cap is 3 a day)
        List<String> more = List.of(sms(phone, "a"), sms(phone, "b"), sms(phone, "c"));
        TestSupport.await(
                "the capped one refused",
                () ->
                        more.stream()
                                .anyMatch(
                                        m ->
                                                String.valueOf(smsOf(m).reason())
                                                        .contains("daily cap")));
        advance("PT5M");

        // THEN the customer got three in all that day
        TestSupport.await("two more sent", () -> publishedTo(phone) == 3);
        assertEquals(3, requestsTo(phone).size());
    }

    @Test
    void smsSnsRejectsAsInvalid_failsAfterOneAttempt_whileAThrottledOne_isSentOnTheRetry() {
        // GIVEN daytime, and SNS rejecting the next request's number as invalid
        advanceTo(10);
        String invalidPhone = "+86" + ApiClient.uniqueMobile();
        String throttledPhone = "+86" + ApiClient.uniqueMobile();
        sns.thenFail(400, "InvalidParameter", "Invalid parameter: PhoneNumber");

        // WHEN an SMS goes to that number, and then one meets SNS throttling
        String invalid = sms(invalidPhone, "invalid");
        TestSupport.await("the rejection", () -> smsOf(invalid).status() == Delivery.Status.FAILED);
        sns.thenFail(400, "Throttling", "Rate exceeded");
        String throttled = sms(throttledPhone, "throttled");
        TestSupport.await(
                "the throttled attempt", () -> smsOf(throttled).status() == Delivery.Status.FAILED);
        advance("PT31S");
        TestSupport.await(
                "the throttled SMS sent on the retry",
                () -> smsOf(throttled).status() == Delivery.Status.SENT);
        advance("PT5M");

        // THEN the invalid one was tried once and never again, saying what SNS said
        Delivery rejected = smsOf(invalid);
        assertEquals(1, rejected.attempts());
        assertNull(rejected.nextAttemptAt());
        assertTrue(rejected.reason().contains("InvalidParameter"), rejected.reason());
        assertEquals(1, requestsTo(invalidPhone).size());
        // AND the throttled one went out on its second attempt
        assertEquals(2, smsOf(throttled).attempts());
        assertEquals(2, requestsTo(throttledPhone).size());
        assertEquals(1, publishedTo(throttledPhone));
    }

    /** Moves the shared clock and fires the retry schedule, as a minute passing would. */
    private static void advance(String duration) {
        TestSupport.post(cloud, "/_local/clock/advance?by=" + duration, "", Map.of());
        TestSupport.post(cloud, "/_local/schedules/NotificationRetryFunction/fire", "", Map.of());
    }

    /** Moves the shared clock to the next {@code hour}:00 in Shanghai. */
    private static void advanceTo(int hour) {
        ZonedDateTime local = AppClock.SHARED.instant().atZone(SHANGHAI);
        ZonedDateTime target = local.withHour(hour).withMinute(0).withSecond(0).withNano(0);
        if (!target.isAfter(local)) {
            target = target.plusDays(1);
        }
        TestSupport.post(
                cloud, "/_local/clock/advance?by=" + Duration.between(local, target), "", Map.of());
    }

    private static String sms(String phone, String cause) {
        Notification notification =
                Notification.of(
                        "sms-" + phone + "-" + cause,
                        "lead:" + phone,
                        NotificationKind.WAKE_UP_SMS,
                        "SMS",
                        BODY,
                        Map.of("phone", phone),
                        AppClock.SHARED.instant());
        services.outbox().send(notification);
        return notification.id();
    }

    /**
     * The SMS delivery of a notification as it stands (PENDING until the stream has planned it).
     */
    private static Delivery smsOf(String notificationId) {
        return services.deliveries().find(notificationId).stream()
                .flatMap(tracked -> tracked.deliveries().stream())
                .filter(delivery -> delivery.channel().equals("SMS"))
                .findFirst()
                .orElse(Delivery.pending("SMS"));
    }

    private static List<SnsReceiver.Request> requestsTo(String phone) {
        return sns.requests().stream()
                .filter(request -> phone.equals(request.phoneNumber()))
                .toList();
    }

    private static long publishedTo(String phone) {
        return requestsTo(phone).stream().filter(request -> request.answered() == 200).count();
    }
}
