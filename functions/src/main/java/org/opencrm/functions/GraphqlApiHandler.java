package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.opencrm.core.config.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.graphql.CrmGraphql;
import org.opencrm.graphql.http.GraphqlHttpEndpoint;

/** {@code POST /graphql} behind the JWT authorizer. */
public class GraphqlApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final GraphqlHttpEndpoint endpoint;

    public GraphqlApiHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED));
    }

    GraphqlApiHandler(Services services) {
        this.endpoint = new GraphqlHttpEndpoint(CrmGraphql.build(services.customers(), services.audit(), services.environment()));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiGatewayHttp.response(endpoint.handle(ApiGatewayHttp.request(event)));
    }
}
