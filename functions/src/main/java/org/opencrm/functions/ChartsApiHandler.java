package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.opencrm.core.chart.ChartLinks;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;
import org.opencrm.graphql.chart.ChartHttpEndpoint;
import org.opencrm.graphql.chart.ChartRequest;
import org.opencrm.graphql.http.ClaimsCaller;

/**
 * {@code GET /charts/{chart}} behind the JWT authorizer and {@code GET /charts/link/{chart}}
 * without one (a signed link authenticates): the served SVG charts (issue 16 item 7).
 */
public class ChartsApiHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** The route template.yaml gives the signed links, {@code Auth: NONE}. */
    static final String LINK_ROUTE = "GET " + ChartLinks.PATH + "{chart}";

    private final ChartHttpEndpoint endpoint;

    public ChartsApiHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED));
    }

    ChartsApiHandler(Services services) {
        this.endpoint =
                new ChartHttpEndpoint(
                        services.core().charts(),
                        ChartLinks.relative(services.core().secrets(), AppClock.SHARED),
                        services.core().users()::authenticate,
                        // issue 18: the same per-user budget as /graphql
                        services.core().protection().budgets());
        // no token, no chart: refused before anything is read
        Priming.register(
                this,
                alive ->
                        Telemetry.unwritten(
                                () ->
                                        alive.handleRequest(
                                                Priming.anonymousRequest(
                                                        "GET /charts/{chart}", Map.of()),
                                                null)));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ChartRequest request = request(event);
        WorkUnit unit =
                WorkUnit.apiRequest(
                        request.requestId(),
                        "chart " + request.fileName(),
                        request.claims().get(ClaimsCaller.SUBJECT),
                        request.claims().get(ClaimsCaller.ROLE));
        return Telemetry.observe(
                unit,
                context,
                () -> ApiGatewayHttp.response(endpoint.handle(request)),
                response -> WorkOutcome.ofResponse(response.getStatusCode(), response.getBody()));
    }

    static ChartRequest request(APIGatewayV2HTTPEvent event) {
        Map<String, String> path = event.getPathParameters();
        // the link route has no authorizer: claims there could only be forged, so none are read
        boolean signedLink = LINK_ROUTE.equals(event.getRouteKey());
        var http = ApiGatewayHttp.request(event);
        return new ChartRequest(
                path == null ? null : path.get("chart"),
                signedLink,
                event.getQueryStringParameters(),
                signedLink ? Map.of() : http.claims(),
                http.requestId(),
                http.sourceIp());
    }
}
