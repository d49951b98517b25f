package org.opencrm.graphql.http;

import java.util.Map;

public record HttpResponse(int status, Map<String, String> headers, String body) {

    static HttpResponse json(int status, String body) {
        return new HttpResponse(
                status, Map.of("content-type", "application/json; charset=utf-8"), body);
    }
}
