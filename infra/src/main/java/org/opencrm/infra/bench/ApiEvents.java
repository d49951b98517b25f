package org.opencrm.infra.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import java.util.UUID;
import org.opencrm.infra.auth.DemoOrg;

/**
 * API Gateway events for benches that call a handler directly. Apart from {@link BenchHandler} so
 * that a cold-start probe using it loads nothing the handler would not load itself.
 */
final class ApiEvents {

    private ApiEvents() {}

    /** {@code POST /graphql} with this JSON body as API Gateway hands it on, as the demo admin. */
    static APIGatewayV2HTTPEvent graphql(String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey("POST /graphql")
                .withRawPath("/graphql")
                .withHeaders(Map.of("content-type", "application/json"))
                .withBody(body)
                .withRequestContext(
                        APIGatewayV2HTTPEvent.RequestContext.builder()
                                .withRequestId(UUID.randomUUID().toString())
                                .withHttp(
                                        APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                                .withMethod("POST")
                                                .withSourceIp("127.0.0.1")
                                                .build())
                                .withAuthorizer(
                                        APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                                .withJwt(
                                                        APIGatewayV2HTTPEvent.RequestContext
                                                                .Authorizer.JWT
                                                                .builder()
                                                                .withClaims(
                                                                        Map.of(
                                                                                "sub",
                                                                                DemoOrg.ADMIN.id(),
                                                                                "custom:role",
                                                                                "ADMIN"))
                                                                .build())
                                                .build())
                                .build())
                .build();
    }
}
