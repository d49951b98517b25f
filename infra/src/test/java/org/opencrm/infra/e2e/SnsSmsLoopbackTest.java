package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencrm.core.notify.SnsSms;
import org.opencrm.core.runtime.RuntimeEnvironment;

/**
 * Core's {@link SnsSms} against a loopback SNS endpoint: what the SDK's client puts on the wire,
 * and how SNS's answers come back as a sent message, a retryable refusal or a final one.
 */
class SnsSmsLoopbackTest {

    private static final Pattern SIGV4 =
            Pattern.compile(
                    "AWS4-HMAC-SHA256 Credential=AKIDLOOPBACK/\\d{8}/cn-north-1/sns/aws4_request,"
                            + " SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*x-amz-date[a-z0-9;-]*,"
                            + " Signature=[0-9a-f]{64}");

    private SnsReceiver receiver;
    private SnsSms sms;

    @BeforeEach
    void startSns() throws Exception {
        receiver = SnsReceiver.start();
        sms =
                new SnsSms(
                        RuntimeEnvironment.of(
                                Map.of(
                                        SnsSms.ENDPOINT_URL,
                                        receiver.url(),
                                        RuntimeEnvironment.REGION,
                                        "cn-north-1",
                                        "AWS_ACCESS_KEY_ID",
                                        "AKIDLOOPBACK",
                                        "AWS_SECRET_ACCESS_KEY",
                                        "loopback-secret")));
    }

    @AfterEach
    void stopSns() {
        receiver.close();
    }

    @Test
    void publish_reachesSns_asOneSigV4SignedQueryPublish_withThePhoneAndTheMessage() {
        // WHEN a message with non-ASCII text and a '+' in the number is published
        Optional<SnsSms.Refusal> refusal = sms.publish("+8613800138000", "您好 & welcome=1");

        // THEN SNS took it, from one request that names the action, number and message
        assertEquals(Optional.empty(), refusal);
        assertEquals(1, receiver.requests().size());
        SnsReceiver.Request request = receiver.requests().get(0);
        assertEquals("Publish", request.action());
        assertEquals("2010-03-31", request.form().get("Version"));
        assertEquals("+8613800138000", request.phoneNumber());
        assertEquals("您好 & welcome=1", request.message());
        // AND it is signed for SNS in the configured region with the configured key
        assertTrue(
                SIGV4.matcher(String.valueOf(request.authorization())).matches(),
                request.authorization());
    }

    @Test
    void throttlingAnswer_isARetryableRefusal_afterOneRequest() {
        // GIVEN SNS throttles the next request, the Query way (400 Throttling)
        receiver.thenFail(400, "Throttling", "Rate exceeded");

        // WHEN a message is published
        Optional<SnsSms.Refusal> refusal = sms.publish("+8613800138000", "hello");

        // THEN it is refused for now, and the SDK did not retry on its own (the dispatcher does)
        assertTrue(refusal.orElseThrow().retryable(), refusal.toString());
        assertEquals(1, receiver.requests().size());
    }

    @Test
    void serverErrorAnswer_isARetryableRefusal_afterOneRequest() {
        receiver.thenFail(500, "InternalError", "try later");

        Optional<SnsSms.Refusal> refusal = sms.publish("+8613800138000", "hello");

        assertTrue(refusal.orElseThrow().retryable(), refusal.toString());
        assertEquals("SNS HTTP 500 InternalError: try later", refusal.get().reason());
        assertEquals(1, receiver.requests().size());
    }

    @Test
    void invalidParameterAnswer_isAFinalRefusal_sayingWhatSnsSaid() {
        receiver.thenFail(400, "InvalidParameter", "Invalid parameter: PhoneNumber");

        Optional<SnsSms.Refusal> refusal = sms.publish("+860", "hello");

        assertFalse(refusal.orElseThrow().retryable(), refusal.toString());
        assertEquals(
                "SNS HTTP 400 InvalidParameter: Invalid parameter: PhoneNumber",
                refusal.get().reason());
    }

    @Test
    void unreachableSns_isARetryableRefusal() {
        // GIVEN nothing listens where SNS should be any more
        receiver.close();

        Optional<SnsSms.Refusal> refusal = sms.publish("+8613800138000", "hello");

        assertTrue(refusal.orElseThrow().retryable(), refusal.toString());
        assertTrue(refusal.get().reason().startsWith("SNS unreachable"), refusal.toString());
    }
}
