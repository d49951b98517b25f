package org.opencrm.infra.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencrm.infra.Json;

/** Small helpers for answering {@link HttpExchange}s. */
final class Exchanges {

    static final String JSON = "application/json";

    /** As much unread request body as is read before answering: above API Gateway's 10 MB. */
    private static final long DRAIN_LIMIT = 16L << 20;

    private Exchanges() {}

    static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, JSON, Json.MAPPER.writeValueAsBytes(body));
    }

    /** API Gateway's own error shape, e.g. {@code {"message":"Unauthorized"}}. */
    static void sendMessage(HttpExchange exchange, int status, String message) throws IOException {
        sendJson(exchange, status, Map.of("message", message));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        sendRaw(exchange, status, body);
    }

    static void sendRaw(HttpExchange exchange, int status, byte[] body) throws IOException {
        drainRequestBody(exchange);
        boolean noBody = body.length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (noBody) {
            return;
        }
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Reads what is left of the request body, up to {@link #DRAIN_LIMIT}. A body left unread (a 404
     * or 401 answered before reading it) makes the server close the connection under a large one,
     * so the client gets a truncated answer (found by the fuzz test); after a handler read it all,
     * this reads nothing. Beyond the limit (a 413) the connection is let go as before.
     */
    private static void drainRequestBody(HttpExchange exchange) throws IOException {
        InputStream unread = exchange.getRequestBody();
        byte[] buffer = new byte[8192];
        long drained = 0;
        int read = 0;
        while (drained < DRAIN_LIMIT && read >= 0) {
            read = unread.read(buffer);
            drained += Math.max(read, 0);
        }
    }

    /**
     * Query parameters of the request; a repeated name keeps its values comma-joined, as API
     * Gateway does.
     */
    static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            String[] parts = pair.split("=", 2);
            String name = decode(parts[0]);
            String value = parts.length == 2 ? decode(parts[1]) : "";
            parameters.merge(name, value, (first, second) -> first + "," + second);
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
