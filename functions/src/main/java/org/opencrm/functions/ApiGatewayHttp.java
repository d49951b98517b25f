package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.opencrm.graphql.http.HttpRequest;
import org.opencrm.graphql.http.HttpResponse;

/**
 * Translates between API Gateway's HTTP API (payload 2.0) events and the endpoint's request and
 * response.
 */
final class ApiGatewayHttp {

    private ApiGatewayHttp() {}

    static HttpRequest request(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body != null && event.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        Map<String, String> claims = Map.of();
        String requestId = null;
        String sourceIp = null;
        String method = null;
        if (context != null) {
            requestId = context.getRequestId();
            sourceIp = context.getHttp() == null ? null : context.getHttp().getSourceIp();
            method = context.getHttp() == null ? null : context.getHttp().getMethod();
            claims = jwtClaims(context);
        }
        return new HttpRequest(event.getHeaders(), body, claims, requestId, sourceIp, method);
    }

    static APIGatewayV2HTTPResponse response(HttpResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    private static Map<String, String> jwtClaims(APIGatewayV2HTTPEvent.RequestContext context) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = context.getAuthorizer();
        if (authorizer == null
                || authorizer.getJwt() == null
                || authorizer.getJwt().getClaims() == null) {
            return Map.of();
        }
        return authorizer.getJwt().getClaims();
    }
}
