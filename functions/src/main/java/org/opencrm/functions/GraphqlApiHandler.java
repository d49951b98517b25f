package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.opencrm.core.config.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.graphql.CrmGraphql;
import org.opencrm.graphql.http.GraphqlHttpEndpoint;
import org.opencrm.graphql.http.HttpRequest;
import org.opencrm.graphql.http.HttpResponse;

/**
 * {@code POST /graphql} behind the JWT authorizer. Under SnapStart it primes itself before
 * the snapshot, so restored containers start with classes loaded and the query path warm.
 */
public class GraphqlApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {

    private static final String PRIMING_BODY = "{\"query\":\"{ environment customer(id: \\\"__priming__\\\") { id name } }\"}";
    private static final Map<String, String> PRIMING_CLAIMS = Map.of("sub", "snapstart-priming", "custom:role", "OPS_DIRECTOR");

    private final GraphqlHttpEndpoint endpoint;

    public GraphqlApiHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED));
    }

    GraphqlApiHandler(Services services) {
        this.endpoint = new GraphqlHttpEndpoint(CrmGraphql.build(services.customers(), services.audit(), services.environment()));
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    /** One read-only request end to end: GraphQL execution, a DynamoDB GetItem, JSON out. */
    HttpResponse prime() {
        return endpoint.handle(new HttpRequest(Map.of(), PRIMING_BODY, PRIMING_CLAIMS, "snapstart-priming", "127.0.0.1"));
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to refresh: clients resolve credentials per request
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, com.amazonaws.services.lambda.runtime.Context context) {
        return ApiGatewayHttp.response(endpoint.handle(ApiGatewayHttp.request(event)));
    }
}
