package org.opencrm.template;

import java.util.List;
import java.util.Optional;

/**
 * An {@code HttpApi} event: one route of an HTTP API.
 *
 * @param apiId logical id of the {@code AWS::Serverless::HttpApi} (SAM's implicit API when absent)
 * @param stage the API's stage name, resolved
 * @param method upper-case HTTP method, or {@code ANY}
 * @param path the route path as declared (may hold {@code {name}} and {@code {name+}}), or {@code
 *     $default} when the event names no path
 * @param authorizer the authorizer that guards the route; empty when the route (or its API) has
 *     none or it is switched off with {@code Auth: {Authorizer: NONE}}
 * @param scopes the route's {@code AuthorizationScopes}
 */
public record HttpApiRoute(
        String functionLogicalId,
        String eventId,
        String apiId,
        String stage,
        String method,
        String path,
        Optional<String> authorizer,
        List<String> scopes)
        implements FunctionEvent {

    public static final String TYPE = "HttpApi";
    public static final String IMPLICIT_API = "ServerlessHttpApi";
    public static final String DEFAULT_ROUTE = "$default";

    public HttpApiRoute {
        scopes = List.copyOf(scopes);
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** API Gateway's route key, e.g. {@code POST /graphql}. */
    public String routeKey() {
        return path.equals(DEFAULT_ROUTE) ? DEFAULT_ROUTE : method + " " + path;
    }
}
