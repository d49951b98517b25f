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
 */
public record HttpRequest(
        Map<String, String> headers,
        String body,
        Map<String, String> claims,
        String requestId,
        String sourceIp) {

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
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
