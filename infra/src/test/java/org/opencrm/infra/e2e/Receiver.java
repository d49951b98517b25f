package org.opencrm.infra.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A third-party endpoint we cannot run here (a robot, a finance system), as a loopback HTTP
 * receiver that records every request it got and can refuse the first few.
 */
final class Receiver implements AutoCloseable {

    /** One request as it arrived. */
    record Hit(URI uri, Map<String, List<String>> headers, String body, int answered) {}

    private final HttpServer server;
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft;
    private final String okBody;

    private Receiver(int failFirst, String okBody) throws IOException {
        this.failuresLeft = new AtomicInteger(failFirst);
        this.okBody = okBody;
        this.server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    String body =
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8);
                    int status = failuresLeft.getAndDecrement() > 0 ? 500 : 200;
                    hits.add(
                            new Hit(
                                    exchange.getRequestURI(),
                                    Map.copyOf(exchange.getRequestHeaders()),
                                    body,
                                    status));
                    byte[] answer =
                            (status == 200 ? this.okBody : "{\"error\":\"try later\"}")
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(status, answer.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer);
                    }
                });
        server.start();
    }

    /** Answers 500 to the first {@code failFirst} requests, then 200 with {@code okBody}. */
    static Receiver start(int failFirst, String okBody) throws IOException {
        return new Receiver(failFirst, okBody);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Hit> hits() {
        return List.copyOf(hits);
    }

    long delivered() {
        return hits.stream().filter(hit -> hit.answered() == 200).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
