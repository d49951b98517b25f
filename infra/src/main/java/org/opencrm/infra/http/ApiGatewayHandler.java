package org.opencrm.infra.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.infra.auth.DevTokens;
import org.opencrm.infra.functions.FunctionRuntime;
import org.opencrm.infra.functions.InvocationFailedException;
import org.opencrm.infra.http.GatewayEvents.JwtAuthorization;
import org.opencrm.infra.http.RouteTable.RouteMatch;
import org.opencrm.template.HttpApiRoute;

/**
 * The local API Gateway: matches the template's {@code HttpApi} routes, runs the JWT authorizer
 * where the template puts one, invokes the route's function with the event API Gateway would build,
 * and answers with the function's {@code APIGatewayV2HTTPResponse}. Requests no route matches go to
 * {@code fallback} (GraphiQL, then 404).
 */
final class ApiGatewayHandler implements HttpHandler {

    private static final String BEARER = "bearer ";

    /** API Gateway's HTTP API refuses larger request payloads before any function runs. */
    static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

    private final RouteTable routes;
    private final FunctionRuntime runtime;
    private final DevTokens tokens;
    private final Clock clock;
    private final HttpHandler fallback;

    ApiGatewayHandler(
            List<HttpApiRoute> routes,
            FunctionRuntime runtime,
            DevTokens tokens,
            Clock clock,
            HttpHandler fallback) {
        this.routes = new RouteTable(routes);
        this.runtime = runtime;
        this.tokens = tokens;
        this.clock = clock;
        this.fallback = fallback;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Optional<RouteMatch> match =
                routes.match(exchange.getRequestMethod(), exchange.getRequestURI().getPath());
        if (match.isEmpty()) {
            fallback.handle(exchange);
            return;
        }
        try (exchange) {
            route(exchange, match.get());
        }
    }

    private void route(HttpExchange exchange, RouteMatch match) throws IOException {
        Optional<JwtAuthorization> authorization = Optional.empty();
        if (match.route().authorizer().isPresent()) {
            authorization = authorize(exchange.getRequestHeaders().getFirst("Authorization"));
            if (authorization.isEmpty()) {
                Exchanges.sendMessage(exchange, 401, "Unauthorized");
                return;
            }
        }
        byte[] body = exchange.getRequestBody().readNBytes(MAX_PAYLOAD_BYTES + 1);
        if (body.length > MAX_PAYLOAD_BYTES) {
            Exchanges.sendMessage(exchange, 413, "Request Entity Too Large");
            return;
        }
        APIGatewayV2HTTPEvent event =
                GatewayEvents.toEvent(exchange, match, body, authorization, clock.instant());
        Object result;
        try {
            result = runtime.invoke(match.route().functionLogicalId(), event);
        } catch (InvocationFailedException failed) {
            System.err.println(
                    "[api] " + match.route().routeKey() + " failed: " + failed.getMessage());
            failed.getCause().printStackTrace();
            Exchanges.sendMessage(exchange, 500, "Internal Server Error");
            return;
        }
        if (!(result instanceof APIGatewayV2HTTPResponse response)
                || response.getStatusCode() == 0) {
            System.err.println(
                    "[api] "
                            + match.route().routeKey()
                            + " returned no APIGatewayV2HTTPResponse with a status");
            Exchanges.sendMessage(exchange, 500, "Internal Server Error");
            return;
        }
        write(exchange, response);
    }

    /** API Gateway accepts the token with or without the {@code Bearer} prefix. */
    private Optional<JwtAuthorization> authorize(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String token =
                header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                        ? header.substring(BEARER.length()).trim()
                        : header.trim();
        return tokens.verify(token).map(ApiGatewayHandler::asGatewayClaims);
    }

    /** API Gateway hands claims on as strings; arrays become {@code [a b]}. */
    private static JwtAuthorization asGatewayClaims(JWTClaimsSet claims) {
        Map<String, String> flattened = new LinkedHashMap<>();
        claims.toJSONObject()
                .forEach(
                        (name, value) ->
                                flattened.put(
                                        name,
                                        value instanceof List<?> list
                                                ? "["
                                                        + String.join(
                                                                " ",
                                                                list.stream()
                                                                        .map(String::valueOf)
                                                                        .toList())
                                                        + "]"
                                                : String.valueOf(value)));
        String scope = flattened.get("scope");
        return new JwtAuthorization(flattened, scope == null ? null : List.of(scope.split(" ")));
    }

    private static void write(HttpExchange exchange, APIGatewayV2HTTPResponse response)
            throws IOException {
        if (response.getHeaders() != null) {
            response.getHeaders()
                    .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders()
                    .forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        }
        if (response.getCookies() != null) {
            response.getCookies()
                    .forEach(cookie -> exchange.getResponseHeaders().add("Set-Cookie", cookie));
        }
        String body = response.getBody() == null ? "" : response.getBody();
        byte[] bytes =
                response.getIsBase64Encoded()
                        ? Base64.getDecoder().decode(body)
                        : body.getBytes(StandardCharsets.UTF_8);
        Exchanges.sendRaw(exchange, response.getStatusCode(), bytes);
    }
}
