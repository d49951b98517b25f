package org.opencrm.graphql.chart;

import java.util.Map;

/**
 * A chart request as the endpoint reads it, independent of API Gateway's event classes.
 *
 * @param fileName the last path segment, e.g. {@code revenue.svg}
 * @param signedLink whether it came by the link route (no authorizer; the link's signature
 *     authenticates) rather than the token route
 * @param parameters the query parameters, decoded
 * @param claims the JWT claims the authorizer verified (empty on the link route)
 * @param requestId the gateway's request id
 * @param sourceIp the client address the gateway saw
 */
public record ChartRequest(
        String fileName,
        boolean signedLink,
        Map<String, String> parameters,
        Map<String, String> claims,
        String requestId,
        String sourceIp) {

    public ChartRequest {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        claims = claims == null ? Map.of() : Map.copyOf(claims);
    }
}
