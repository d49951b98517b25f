package org.opencrm.core.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.model.SnsException;

/** Which SNS refusals the dispatcher tries again and which it gives up on at once (no I/O). */
class SnsRefusalTest {

    @Test
    void throttling_isRetryable_whetherSnsSaysItWith400Throttling_orWith429() {
        // GIVEN SNS's two ways of saying "slow down"
        SnsException queryThrottling = refusal(400, "Throttling", "Rate exceeded");
        SnsException throttled = refusal(429, "Throttled", "too many requests");

        // WHEN they are classified THEN both may pass later
        assertTrue(SnsSms.refusalOf(queryThrottling).retryable());
        assertTrue(SnsSms.refusalOf(throttled).retryable());
    }

    @Test
    void serverError_isRetryable() {
        SnsSms.Refusal refusal = SnsSms.refusalOf(refusal(503, "ServiceUnavailable", "try again"));

        assertTrue(refusal.retryable());
        assertEquals("SNS HTTP 503 ServiceUnavailable: try again", refusal.reason());
    }

    @Test
    void invalidParameter_isFinal_andSaysWhatSnsSaid() {
        SnsSms.Refusal refusal =
                SnsSms.refusalOf(
                        refusal(400, "InvalidParameter", "Invalid parameter: PhoneNumber"));

        assertFalse(refusal.retryable());
        assertEquals(
                "SNS HTTP 400 InvalidParameter: Invalid parameter: PhoneNumber", refusal.reason());
    }

    @Test
    void missingPermission_isFinal() {
        assertFalse(
                SnsSms.refusalOf(refusal(403, "AuthorizationError", "not authorized")).retryable());
    }

    @Test
    void noAnswerAtAll_isRetryable_andNamesTheTransportFailure() {
        SnsSms.Refusal refusal =
                SnsSms.refusalOf(
                        SdkClientException.create(
                                "Unable to execute HTTP request",
                                new ConnectException("Connection refused")));

        assertTrue(refusal.retryable());
        assertEquals("SNS unreachable: ConnectException", refusal.reason());
    }

    private static SnsException refusal(int status, String code, String message) {
        return (SnsException)
                SnsException.builder()
                        .statusCode(status)
                        .awsErrorDetails(
                                AwsErrorDetails.builder()
                                        .errorCode(code)
                                        .errorMessage(message)
                                        .serviceName("Sns")
                                        .build())
                        .build();
    }
}
