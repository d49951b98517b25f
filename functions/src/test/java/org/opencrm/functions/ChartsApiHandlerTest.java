package org.opencrm.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Role;
import org.opencrm.core.chart.MonthlyAmount;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestOrg;

/** The chart routes as API Gateway invokes them: path parameter, query string, route key. */
class ChartsApiHandlerTest {

    private final CoreServices core = LocalDynamo.shared().services(Clock.systemUTC());
    private final String financeId = "fin-" + UUID.randomUUID();
    private final Services services = new Services(core, "dev");

    ChartsApiHandlerTest() {
        TestOrg.ensure(core, financeId, Role.FINANCE, "east", "east-a");
    }

    private static APIGatewayV2HTTPEvent event(String routeKey, Map<String, String> claims) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer =
                APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(
                                APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT
                                        .builder()
                                        .withClaims(claims)
                                        .build())
                        .build();
        return APIGatewayV2HTTPEvent.builder()
                .withRouteKey(routeKey)
                .withPathParameters(Map.of("chart", "revenue.svg"))
                .withQueryStringParameters(Map.of("from", "2026-01", "to", "2026-01"))
                .withRequestContext(
                        APIGatewayV2HTTPEvent.RequestContext.builder()
                                .withRequestId(UUID.randomUUID().toString())
                                .withAuthorizer(authorizer)
                                .build())
                .build();
    }

    @Test
    void theTokenRoute_answersTheRevenueChartAsSvg_forTheAuthorizersSubject() {
        ChartsApiHandler handler =
                new ChartsApiHandler(
                        services,
                        Optional.of(
                                (query, caller) ->
                                        List.of(
                                                new MonthlyAmount(
                                                        YearMonth.of(2026, 1),
                                                        Caliber.SIGNED,
                                                        caller.role() == Role.FINANCE
                                                                ? 123_45
                                                                : 0))));

        APIGatewayV2HTTPResponse response =
                handler.handleRequest(
                        event(
                                "GET /charts/{chart}",
                                Map.of("sub", financeId, "custom:role", "FINANCE")),
                        null);

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("image/svg+xml; charset=utf-8", response.getHeaders().get("content-type"));
        assertTrue(response.getBody().contains("data-value=\"123.45\""), response.getBody());
    }

    @Test
    void theLinkRoute_ignoresClaims_andRefusesAnUnsignedRequest() {
        ChartsApiHandler handler = new ChartsApiHandler(services);

        // claims on the unauthorised route could only be forged: they must not let anyone in
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(
                        event(
                                ChartsApiHandler.LINK_ROUTE,
                                Map.of("sub", financeId, "custom:role", "FINANCE")),
                        null);

        assertEquals(401, response.getStatusCode(), response.getBody());
        assertTrue(response.getBody().contains("UNAUTHENTICATED"), response.getBody());
    }

    @Test
    void withoutARevenueSource_theRevenueChartIs404_noSource() {
        ChartsApiHandler handler = new ChartsApiHandler(services);

        APIGatewayV2HTTPResponse response =
                handler.handleRequest(
                        event(
                                "GET /charts/{chart}",
                                Map.of("sub", financeId, "custom:role", "FINANCE")),
                        null);

        assertEquals(404, response.getStatusCode(), response.getBody());
        assertTrue(response.getBody().contains("\"reason\":\"noSource\""), response.getBody());
    }
}
