package org.opencrm.infra.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.net.WWWFormCodec;

/**
 * Amazon SNS as a loopback HTTP endpoint, speaking what the SDK's {@code SnsClient} (2.57.8)
 * speaks: the AWS Query protocol, a form-encoded POST with {@code Action=Publish}, answered in XML.
 * It records every request and answers the scripted errors first, then success.
 */
final class SnsReceiver implements AutoCloseable {

    private static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

    /** One request as it arrived: its form parameters, its Authorization header, our answer. */
    record Request(Map<String, String> form, String authorization, int answered) {

        String action() {
            return form.get("Action");
        }

        String phoneNumber() {
            return form.get("PhoneNumber");
        }

        String message() {
            return form.get("Message");
        }
    }

    /** An error SNS can answer: HTTP status, Query error code and message. */
    record Refusal(int status, String code, String message) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Queue<Refusal> scripted = new ConcurrentLinkedQueue<>();

    private SnsReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    static SnsReceiver start() throws IOException {
        return new SnsReceiver();
    }

    /** The next request is answered with this error instead of success. */
    SnsReceiver thenFail(int status, String code, String message) {
        scripted.add(new Refusal(status, code, message));
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    long published() {
        return requests.stream().filter(request -> request.answered() == 200).count();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (NameValuePair pair : WWWFormCodec.parse(body, StandardCharsets.UTF_8)) {
            form.put(pair.getName(), pair.getValue());
        }
        Refusal refusal = scripted.poll();
        if (refusal == null && !"Publish".equals(form.get("Action"))) {
            refusal = new Refusal(400, "InvalidAction", "only Publish is served here");
        }
        int status = refusal == null ? 200 : refusal.status();
        requests.add(
                new Request(form, exchange.getRequestHeaders().getFirst("Authorization"), status));
        String xml = refusal == null ? publishResponse() : errorResponse(refusal);
        byte[] answer = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private static String publishResponse() {
        return "<PublishResponse xmlns=\""
                + NAMESPACE
                + "\"><PublishResult><MessageId>"
                + UUID.randomUUID()
                + "</MessageId></PublishResult><ResponseMetadata><RequestId>"
                + UUID.randomUUID()
                + "</RequestId></ResponseMetadata></PublishResponse>";
    }

    private static String errorResponse(Refusal error) {
        return "<ErrorResponse xmlns=\""
                + NAMESPACE
                + "\"><Error><Type>"
                + (error.status() >= 500 ? "Receiver" : "Sender")
                + "</Type><Code>"
                + error.code()
                + "</Code><Message>"
                + error.message()
                + "</Message></Error><RequestId>"
                + UUID.randomUUID()
                + "</RequestId></ErrorResponse>";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
