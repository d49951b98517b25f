package org.opencrm.core.notify;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencrm.core.runtime.Once;
import org.opencrm.core.store.JsonText;

/**
 * Posts a robot message (the JDK's HTTP client; one per container). Success is a 2xx whose JSON, if
 * any, carries no non-zero {@code errcode} (WeCom, DingTalk) or {@code code} (Feishu): those robots
 * answer 200 with an error code when they refuse a message.
 */
public final class RobotSender {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    // built on the first robot message: the JDK client sets up TLS, which a cold start of a
    // container that never posts one should not pay for
    private final Supplier<HttpClient> http =
            new Once<>(() -> HttpClient.newBuilder().connectTimeout(TIMEOUT).build());

    /** Empty when delivered, else why not. */
    public Optional<String> send(RobotMessages.Outbound message) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(message.uri())
                        .timeout(TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.ofString(message.body()));
        message.headers().forEach(request::header);
        try {
            HttpResponse<String> response =
                    http.get().send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                return Optional.of("HTTP " + response.statusCode());
            }
            return refusal(response.body());
        } catch (IOException unreachable) {
            return Optional.of("unreachable: " + unreachable.getClass().getSimpleName());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private static Optional<String> refusal(String body) {
        try {
            var json = JsonText.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
            for (String field : new String[] {"errcode", "code"}) {
                if (json.path(field).isNumber() && json.path(field).asInt() != 0) {
                    return Optional.of(
                            field
                                    + " "
                                    + json.path(field).asInt()
                                    + ": "
                                    + json.path("errmsg").asText(json.path("msg").asText()));
                }
            }
            return Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}
