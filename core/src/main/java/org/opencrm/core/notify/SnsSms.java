package org.opencrm.core.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencrm.core.runtime.Once;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.store.DynamoClients;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

/**
 * SMS to a customer through Amazon SNS {@code Publish} with a phone number, sent by the SDK's
 * {@link SnsClient} (built once per container). The endpoint is {@code AWS_ENDPOINT_URL_SNS}, else
 * {@code AWS_ENDPOINT_URL}, else the region's: tests point it at a loopback receiver.
 */
public final class SnsSms {

    /** The variable that points SNS alone somewhere else (the SDK's own name for it). */
    public static final String ENDPOINT_URL = "AWS_ENDPOINT_URL_SNS";

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    // built on the first SMS: most containers never send one, and the client costs a cold start
    // a TLS set-up
    private final Supplier<SnsClient> sns;

    public SnsSms(RuntimeEnvironment env) {
        this.sns = new Once<>(() -> client(env));
    }

    /** Why SNS did not take a message, and whether asking again later can help. */
    public record Refusal(String reason, boolean retryable) {}

    /** Empty when SNS accepted the message, else why not. */
    public Optional<Refusal> publish(String e164Phone, String message) {
        try {
            sns.get().publish(request -> request.phoneNumber(e164Phone).message(message));
            return Optional.empty();
        } catch (SdkException failed) {
            return Optional.of(refusalOf(failed));
        }
    }

    /**
     * Throttling, a server error, a skewed clock or no answer at all may pass; anything else SNS
     * refused (an invalid number, a missing permission) fails the same way every time.
     */
    static Refusal refusalOf(SdkException failed) {
        if (failed instanceof AwsServiceException refused) {
            AwsErrorDetails details = refused.awsErrorDetails();
            String said =
                    details == null
                            ? ""
                            : " " + details.errorCode() + ": " + details.errorMessage();
            boolean retryable =
                    refused.isThrottlingException()
                            || refused.statusCode() >= 500
                            || refused.isClockSkewException();
            return new Refusal("SNS HTTP " + refused.statusCode() + said, retryable);
        }
        if (failed instanceof SdkClientException unreachable) {
            Throwable cause = unreachable.getCause() == null ? unreachable : unreachable.getCause();
            return new Refusal("SNS unreachable: " + cause.getClass().getSimpleName(), true);
        }
        return new Refusal("SNS failed: " + failed.getClass().getSimpleName(), true);
    }

    private static SnsClient client(RuntimeEnvironment env) {
        SnsClientBuilder builder =
                SnsClient.builder()
                        .httpClientBuilder(DynamoClients.httpClient())
                        .region(Region.of(env.find(RuntimeEnvironment.REGION).orElse("cn-north-1")))
                        .credentialsProvider(DynamoClients.credentials(env))
                        // One HTTP attempt per delivery attempt: the dispatcher owns retries and
                        // their backoff, and a phone cannot tell a retried copy from a new SMS.
                        .overrideConfiguration(
                                o ->
                                        o.retryStrategy(AwsRetryStrategy.doNotRetry())
                                                .apiCallTimeout(TIMEOUT));
        env.find(ENDPOINT_URL)
                .or(() -> env.find(RuntimeEnvironment.ENDPOINT_URL))
                .map(URI::create)
                .ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
