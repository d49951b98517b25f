package org.opencrm.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assertions;

/**
 * Shared bits of the infra tests: the fixture template, an HTTP client, waiting for a condition.
 */
public final class TestSupport {

    public static final Path FIXTURE_TEMPLATE = Path.of("src/test/resources/fixture-template.yaml");

    /**
     * The project's own template.yaml, relative to the infra module (surefire's working directory).
     */
    public static final Path PROJECT_TEMPLATE = Path.of("../template.yaml");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    private TestSupport() {}

    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(
                    request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    public static HttpRequest.Builder request(LocalCloud cloud, String path) {
        return HttpRequest.newBuilder(URI.create(cloud.baseUrl() + path));
    }

    public static HttpResponse<String> post(
            LocalCloud cloud, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request =
                request(cloud, path).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException notJson) {
            throw new AssertionError("not JSON: " + response.body(), notJson);
        }
    }

    public static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                Assertions.fail("timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }
}
