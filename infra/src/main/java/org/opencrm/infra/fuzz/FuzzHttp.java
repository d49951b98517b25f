package org.opencrm.infra.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Real HTTP to the local cloud (or any deployment): the fuzzer's only way in. */
public final class FuzzHttp {

    /** What came back: status, body as text, and its content type. */
    public record Answer(int status, String body, String contentType) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client =
            HttpClient.newBuilder()
                    .proxy(HttpClient.Builder.NO_PROXY)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
    private final String baseUrl;

    /**
     * @param baseUrl the API's base, e.g. {@code http://127.0.0.1:8080}
     */
    public FuzzHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Answer send(FuzzRequest request) throws IOException, InterruptedException {
        String path = request.path();
        URI uri = URI.create(path.startsWith("http") ? path : baseUrl + path);
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(60))
                        .method(
                                request.method(),
                                request.bodyLength() == 0
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        HttpResponse<byte[]> response =
                client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(
                response.statusCode(),
                new String(response.body(), StandardCharsets.UTF_8),
                response.headers().firstValue("content-type").orElse(""));
    }

    /** A GraphQL request during set-up: its body as JSON (an empty object when it is not JSON). */
    JsonNode graphql(String token, String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        FuzzRequest request =
                new FuzzRequest(
                        -1,
                        "setup",
                        "setup",
                        "POST",
                        "/graphql",
                        Map.of(
                                "authorization",
                                "Bearer " + token,
                                "content-type",
                                "application/json"),
                        FuzzJson.bytes(body));
        try {
            return JSON.readTree(send(request).body());
        } catch (IOException unreadable) {
            return JSON.createObjectNode();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
