package org.opencrm.infra.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** API Gateway's answer to a path no route matches: what the deployed stack has at {@code /}. */
final class NotFound implements HttpHandler {

    static final NotFound INSTANCE = new NotFound();

    private NotFound() {}

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Exchanges.sendMessage(exchange, 404, "Not Found");
        }
    }
}
