package org.opencrm.infra.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** What the benches that drive the local cloud as a client share: one GraphQL call, a stopwatch. */
final class BenchGraphql {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchGraphql() {}

    /** Posts one operation as a client would; a bench stops on any error rather than count it. */
    static JsonNode post(
            HttpClient http, URI graphql, String token, String query, Map<String, Object> variables)
            throws Exception {
        HttpResponse<String> response =
                send(http, graphql, token, query, variables, Duration.ofMinutes(2));
        JsonNode json = JSON.readTree(response.body());
        if (response.statusCode() != 200 || json.has("errors")) {
            throw new IllegalStateException(
                    "HTTP " + response.statusCode() + ": " + response.body());
        }
        return json;
    }

    /** Posts one operation and returns its answer as it is, errors included (HTTP 200 only). */
    static JsonNode postRaw(
            HttpClient http, URI graphql, String token, String query, Map<String, Object> variables)
            throws Exception {
        HttpResponse<String> response =
                send(http, graphql, token, query, variables, Duration.ofMinutes(2));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The one way a bench posts an operation: a JSON body with the caller's bearer token. */
    static HttpResponse<String> send(
            HttpClient http,
            URI graphql,
            String token,
            String query,
            Map<String, Object> variables,
            Duration timeout)
            throws Exception {
        String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
        return http.send(
                HttpRequest.newBuilder(graphql)
                        .timeout(timeout)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Seconds since a {@link System#nanoTime()} reading. */
    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
