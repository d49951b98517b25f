package org.opencrm.core.notify;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.store.DynamoClients;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * SMS to a customer through Amazon SNS {@code Publish} with a phone number (the Query API,
 * SigV4-signed by the SDK's signer). The endpoint is {@code AWS_ENDPOINT_URL_SNS}, else {@code
 * AWS_ENDPOINT_URL}, else the region's: tests point it at a loopback receiver.
 */
public final class SnsSms {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final RuntimeEnvironment env;

    public SnsSms(RuntimeEnvironment env) {
        this.env = env;
    }

    /** Empty when SNS accepted it, else why not. */
    public Optional<String> publish(String e164Phone, String message) {
        String region = env.find(RuntimeEnvironment.REGION).orElse("cn-north-1");
        URI endpoint =
                URI.create(
                        env.find("AWS_ENDPOINT_URL_SNS")
                                        .or(() -> env.find(RuntimeEnvironment.ENDPOINT_URL))
                                        .orElse(
                                                "https://sns."
                                                        + region
                                                        + ".amazonaws.com"
                                                        + (region.startsWith("cn-") ? ".cn" : ""))
                                + "/");
        String body =
                "Action=Publish&Version=2010-03-31&PhoneNumber="
                        + form(e164Phone)
                        + "&Message="
                        + form(message);
        AwsCredentialsProvider credentials = DynamoClients.credentials(env);
        SdkHttpRequest unsigned =
                SdkHttpRequest.builder()
                        .method(SdkHttpMethod.POST)
                        .uri(endpoint)
                        .putHeader(
                                "Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                        .build();
        SignedRequest signed =
                signer.sign(
                        request ->
                                request.identity(credentials.resolveCredentials())
                                        .request(unsigned)
                                        .payload(ContentStreamProvider.fromUtf8String(body))
                                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sns")
                                        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        HttpRequest.Builder request =
                HttpRequest.newBuilder(endpoint)
                        .timeout(TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.ofString(body));
        signed.request()
                .forEachHeader(
                        (name, values) -> {
                            if (!name.equalsIgnoreCase("Host")
                                    && !name.equalsIgnoreCase("Content-Length")) {
                                values.forEach(value -> request.header(name, value));
                            }
                        });
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() / 100 == 2
                    ? Optional.empty()
                    : Optional.of("SNS HTTP " + response.statusCode());
        } catch (IOException unreachable) {
            return Optional.of("SNS unreachable: " + unreachable.getClass().getSimpleName());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
