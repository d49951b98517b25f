package org.opencrm.graphql.http;

import java.util.LinkedHashMap;
import java.util.Map;

public record HttpResponse(int status, Map<String, String> headers, String body) {

    /** The same response with more headers (Retry-After, Idempotent-Replayed). */
    public HttpResponse withHeaders(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new HttpResponse(status, Map.copyOf(all), body);
    }

    static HttpResponse json(int status, String body) {
        return new HttpResponse(
                status, Map.of("content-type", "application/json; charset=utf-8"), body);
    }
}
