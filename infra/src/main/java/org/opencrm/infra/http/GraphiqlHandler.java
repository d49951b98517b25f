package org.opencrm.infra.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * GraphiQL for people at {@code GET /}, with the Authorization header already filled in, and the
 * webjar assets it loads under {@code /webjars/}; anything else is API Gateway's 404.
 */
final class GraphiqlHandler implements HttpHandler {

    private static final String WEBJARS = "/webjars/";
    private static final Map<String, String> CONTENT_TYPES =
            Map.of(
                    ".js", "application/javascript; charset=utf-8",
                    ".css", "text/css; charset=utf-8",
                    ".map", "application/json");

    private final String pageTemplate;
    private final String graphqlPath;
    private final String userId;
    private final Supplier<String> token;

    /**
     * @param graphqlPath the route GraphiQL posts to
     * @param userId whose token {@code token} mints (shown in the page)
     * @param token mints a fresh token per page load
     */
    GraphiqlHandler(String graphqlPath, String userId, Supplier<String> token) {
        this.pageTemplate = resource("graphiql.html");
        this.graphqlPath = graphqlPath;
        this.userId = userId;
        this.token = token;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            boolean read =
                    exchange.getRequestMethod().equals("GET")
                            || exchange.getRequestMethod().equals("HEAD");
            if (read && path.equals("/")) {
                String page =
                        pageTemplate
                                .replace("__TOKEN__", token.get())
                                .replace("__ENDPOINT__", graphqlPath)
                                .replace("__USER__", userId);
                Exchanges.send(
                        exchange,
                        200,
                        "text/html; charset=utf-8",
                        page.getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (read && path.startsWith(WEBJARS) && !path.contains("..")) {
                sendAsset(exchange, path);
                return;
            }
            Exchanges.sendMessage(exchange, 404, "Not Found");
        }
    }

    private static void sendAsset(HttpExchange exchange, String path) throws IOException {
        try (InputStream asset =
                GraphiqlHandler.class
                        .getClassLoader()
                        .getResourceAsStream("META-INF/resources" + path)) {
            if (asset == null) {
                Exchanges.sendMessage(exchange, 404, "Not Found");
                return;
            }
            String contentType =
                    CONTENT_TYPES.entrySet().stream()
                            .filter(type -> path.endsWith(type.getKey()))
                            .map(Map.Entry::getValue)
                            .findFirst()
                            .orElse("application/octet-stream");
            exchange.getResponseHeaders().set("Cache-Control", "max-age=86400");
            Exchanges.send(exchange, 200, contentType, asset.readAllBytes());
        }
    }

    private static String resource(String name) {
        try (InputStream in =
                Objects.requireNonNull(GraphiqlHandler.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
