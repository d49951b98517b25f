package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.opencrm.core.intake.LeadWebhook;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;

/**
 * {@code POST /webhooks/leads/{channel}}: ad platforms' signed lead deliveries (no JWT; the HMAC is
 * the credential).
 */
public class LeadWebhookHandler
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private final LeadWebhook webhook;

    public LeadWebhookHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED));
    }

    LeadWebhookHandler(Services services) {
        this.webhook = new LeadWebhook(services.core().intake(), services.core().secrets());
        // an empty channel is refused before any secret is looked up or record quarantined
        Priming.register(
                this,
                alive ->
                        Telemetry.unwritten(
                                () ->
                                        alive.handleRequest(
                                                Priming.anonymousRequest(
                                                        "POST /webhooks/leads/{channel}",
                                                        Map.of("channel", "")),
                                                null)));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String requestId =
                event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
        return Telemetry.observe(
                WorkUnit.webhook(requestId, channel(event)),
                context,
                () -> receive(event, requestId),
                response -> WorkOutcome.ofResponse(response.getStatusCode(), response.getBody()));
    }

    private APIGatewayV2HTTPResponse receive(APIGatewayV2HTTPEvent event, String requestId) {
        LeadWebhook.Response response =
                webhook.receive(
                        channel(event),
                        rawBody(event),
                        header(event, "x-crm-signature"),
                        requestId,
                        sourceIp(event));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(JSON)
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }

    private static String channel(APIGatewayV2HTTPEvent event) {
        return event.getPathParameters() == null ? null : event.getPathParameters().get("channel");
    }

    /**
     * The bytes the platform signed: API Gateway base64-encodes bodies it does not take for text.
     */
    private static byte[] rawBody(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded()
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
    }

    /** HTTP API lower-cases header names in payload 2.0; look the name up either way. */
    private static String header(APIGatewayV2HTTPEvent event, String lowerCaseName) {
        if (event.getHeaders() == null) {
            return null;
        }
        return event.getHeaders().entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(lowerCaseName))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private static String sourceIp(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        return context == null || context.getHttp() == null
                ? null
                : context.getHttp().getSourceIp();
    }
}
