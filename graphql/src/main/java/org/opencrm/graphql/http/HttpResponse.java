package org.opencrm.graphql.http;

import java.util.LinkedHashMap;
import java.util.Map;

public record HttpResponse(int status, Map<String, String> headers, String body) {

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    static HttpResponse of(int status, MediaTypes.ResponseType type, String body) {
        return new HttpResponse(status, Map.of("content-type", type.contentType()), body);
    }

    /** The same response with one more header. */
    HttpResponse with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new HttpResponse(status, more, body);
    }

    /** The same response with more headers (Retry-After, Idempotent-Replayed). */
    public HttpResponse withHeaders(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new HttpResponse(status, all, body);
    }
}
