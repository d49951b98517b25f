package org.opencrm.infra.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * Holds every request back until the local cloud is ready: before that, each answers 503 with
 * {@code Retry-After}, as a load balancer in front of a starting service would. The port is bound
 * early because the cloud needs its own address (links in messages, the demo data it loads through
 * the API), but nothing is served before every stream consumer, queue and schedule runs.
 */
final class Readiness extends Filter {

    /** Seconds a client is asked to wait: a start takes a few. */
    static final String RETRY_AFTER_SECONDS = "1";

    private volatile boolean ready;

    /** From now on requests pass. */
    void open() {
        ready = true;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (ready) {
            chain.doFilter(exchange);
            return;
        }
        try (exchange) {
            exchange.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
            Exchanges.sendMessage(
                    exchange, 503, "Service Unavailable: the local cloud is starting");
        }
    }

    @Override
    public String description() {
        return "503 until the local cloud is ready";
    }
}
