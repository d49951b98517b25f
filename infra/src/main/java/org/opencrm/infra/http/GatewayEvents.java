package org.opencrm.infra.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.opencrm.infra.aws.LocalAws;
import org.opencrm.infra.http.RouteTable.RouteMatch;

/** Builds the payload-format-2.0 event API Gateway's HTTP API hands a Lambda integration. */
final class GatewayEvents {

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
                    .withZone(ZoneOffset.UTC);
    private static final List<String> TEXT_TYPES =
            List.of("text/", "json", "xml", "javascript", "graphql", "x-www-form-urlencoded");

    /** The JWT authorizer's verdict as API Gateway passes it on: all claim values are strings. */
    record JwtAuthorization(Map<String, String> claims, List<String> scopes) {}

    private GatewayEvents() {}

    static APIGatewayV2HTTPEvent toEvent(
            HttpExchange exchange,
            RouteMatch match,
            byte[] body,
            Optional<JwtAuthorization> authorization,
            Instant now) {
        Map<String, String> headers = lowerCasedHeaders(exchange);
        List<String> cookies =
                Optional.ofNullable(headers.remove("cookie"))
                        .map(cookie -> Arrays.stream(cookie.split(";\\s*")).toList())
                        .orElse(null);
        String domainName = headers.getOrDefault("host", "127.0.0.1");
        String rawQuery = exchange.getRequestURI().getRawQuery();
        RequestContext.Http http =
                RequestContext.Http.builder()
                        .withMethod(exchange.getRequestMethod().toUpperCase(Locale.ROOT))
                        .withPath(exchange.getRequestURI().getPath())
                        .withProtocol(exchange.getProtocol())
                        .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                        .withUserAgent(headers.get("user-agent"))
                        .build();
        RequestContext context =
                RequestContext.builder()
                        .withAccountId(LocalAws.ACCOUNT_ID)
                        .withApiId(match.route().apiId())
                        .withDomainName(domainName)
                        .withDomainPrefix(domainName.split("[.:]", 2)[0])
                        .withRequestId(UUID.randomUUID().toString())
                        .withRouteKey(match.route().routeKey())
                        .withStage(match.route().stage())
                        .withTime(REQUEST_TIME.format(now))
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(http)
                        .withAuthorizer(authorization.map(GatewayEvents::authorizer).orElse(null))
                        .build();
        boolean binary = body.length > 0 && !isText(headers.get("content-type"));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(match.route().routeKey())
                .withRawPath(exchange.getRequestURI().getRawPath())
                .withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withCookies(cookies)
                .withHeaders(headers)
                .withQueryStringParameters(nullIfEmpty(Exchanges.query(rawQuery)))
                .withPathParameters(nullIfEmpty(match.pathParameters()))
                .withBody(body.length == 0 ? null : encode(body, binary))
                .withIsBase64Encoded(binary)
                .withRequestContext(context)
                .build();
    }

    private static RequestContext.Authorizer authorizer(JwtAuthorization authorization) {
        return RequestContext.Authorizer.builder()
                .withJwt(
                        RequestContext.Authorizer.JWT
                                .builder()
                                .withClaims(authorization.claims())
                                .withScopes(authorization.scopes())
                                .build())
                .build();
    }

    /** API Gateway lower-cases header names and joins repeated headers with commas. */
    private static Map<String, String> lowerCasedHeaders(HttpExchange exchange) {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders()
                .forEach(
                        (name, values) ->
                                headers.merge(
                                        name.toLowerCase(Locale.ROOT),
                                        String.join(",", values),
                                        (a, b) -> a + "," + b));
        return headers;
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return TEXT_TYPES.stream().anyMatch(type::contains);
    }

    private static String encode(byte[] body, boolean binary) {
        return binary
                ? Base64.getEncoder().encodeToString(body)
                : new String(body, StandardCharsets.UTF_8);
    }

    private static <K, V> Map<K, V> nullIfEmpty(Map<K, V> map) {
        return map.isEmpty() ? null : map;
    }
}
