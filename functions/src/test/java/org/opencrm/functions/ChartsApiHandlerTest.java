package org.opencrm.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Role;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestFacts;
import org.opencrm.core.testing.TestOrg;

/** The chart routes as API Gateway invokes them: path parameter, query string, route key. */
class ChartsApiHandlerTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final CoreServices core = dynamo.services(Clock.systemUTC());
    // a year of this test's own: finance's January total is this test's signing alone
    private final int year = 2400 + ThreadLocalRandom.current().nextInt(7_000);
    private final String financeId = "fin-" + UUID.randomUUID();
    private final Services services = new Services(core, "dev");

    ChartsApiHandlerTest() {
        TestOrg.ensure(core, financeId, Role.FINANCE, "east", "east-a");
    }

    private APIGatewayV2HTTPEvent event(String routeKey, Map<String, String> claims) {
        String month = year + "-01";
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
                .withQueryStringParameters(Map.of("from", month, "to", month))
                .withRequestContext(
                        APIGatewayV2HTTPEvent.RequestContext.builder()
                                .withRequestId(UUID.randomUUID().toString())
                                .withAuthorizer(authorizer)
                                .build())
                .build();
    }

    @Test
    void theTokenRoute_answersTheRevenueChartAsSvg_forTheAuthorizersSubject() {
        // GIVEN a signing of 123.45 in January of a year of this test's own, aggregated
        MoneyFact signing =
                TestFacts.signing("chart-" + UUID.randomUUID(), LocalDate.of(year, 1, 9), 123_45)
                        .customerId("cust-" + UUID.randomUUID())
                        .ownerId(financeId)
                        .region("east")
                        .build();
        TestFacts.write(dynamo.enhanced(), dynamo.tables(), signing);
        TestFacts.records(new StreamReader(dynamo.streams()), dynamo.tables(), signing)
                .forEach(core.reports().aggregator()::onRecord);
        ChartsApiHandler handler = new ChartsApiHandler(services);

        // WHEN finance asks for that January through the authorised route
        APIGatewayV2HTTPResponse response =
                handler.handleRequest(
                        event(
                                "GET /charts/{chart}",
                                Map.of("sub", financeId, "custom:role", "FINANCE")),
                        null);

        // THEN the chart is SVG with the signed bar at 123.45
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
}
