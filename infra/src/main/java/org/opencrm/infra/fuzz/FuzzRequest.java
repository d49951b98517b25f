package org.opencrm.infra.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One request the fuzzer sends, fully decided before anything is sent, so a seed always makes the
 * same requests. (A class, not a record: its body is bytes, kept private.)
 */
public final class FuzzRequest {

    private final int index;
    private final String kind;
    private final String label;
    private final String method;
    private final String path;
    private final Map<String, String> headers;
    private final byte[] body;

    /**
     * @param index its position in the run: with the seed, enough to make it again
     * @param kind the family it belongs to (graphql, malformed-json, webhook, ...)
     * @param label what it tries, short, for a finding's report
     * @param method HTTP method
     * @param path path and query, already percent-encoded
     * @param headers request headers
     * @param body the bytes sent, empty for none
     */
    public FuzzRequest(
            int index,
            String kind,
            String label,
            String method,
            String path,
            Map<String, String> headers,
            byte[] body) {
        this.index = index;
        this.kind = kind;
        this.label = label;
        this.method = method;
        this.path = path;
        this.headers = Map.copyOf(headers);
        this.body = body.clone();
    }

    public int index() {
        return index;
    }

    public String kind() {
        return kind;
    }

    public String label() {
        return label;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    /** The body as text for a report: at most {@code max} characters. */
    public String bodyPreview(int max) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= max
                ? text
                : text.substring(0, max) + "…(" + body.length + " bytes)";
    }

    @Override
    public String toString() {
        return "#" + index + " " + kind + " " + method + " " + path + " (" + label + ")";
    }
}
