package org.opencrm.graphql.http;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The parts of an HTTP request the GraphQL endpoint reads, independent of API Gateway's event
 * classes.
 *
 * @param headers header names lower-cased
 * @param body the raw body text (already base64-decoded)
 * @param claims the JWT claims the authorizer verified; never taken from headers
 * @param requestId the gateway's request id
 * @param sourceIp the client address the gateway saw
 * @param method the HTTP method, upper case; {@code POST} when not given
 */
public record HttpRequest(
        Map<String, String> headers,
        String body,
        Map<String, String> claims,
        String requestId,
        String sourceIp,
        String method) {

    public static final String POST = "POST";

    public HttpRequest {
        headers =
                headers == null
                        ? Map.of()
                        : headers.entrySet().stream()
                                .collect(
                                        Collectors.toUnmodifiableMap(
                                                e -> e.getKey().toLowerCase(Locale.ROOT),
                                                Map.Entry::getValue,
                                                (a, b) -> a));
        claims = claims == null ? Map.of() : Map.copyOf(claims);
        method = method == null || method.isBlank() ? POST : method.toUpperCase(Locale.ROOT);
    }

    /** A POST, the one method that executes operations. */
    public HttpRequest(
            Map<String, String> headers,
            String body,
            Map<String, String> claims,
            String requestId,
            String sourceIp) {
        this(headers, body, claims, requestId, sourceIp, POST);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
