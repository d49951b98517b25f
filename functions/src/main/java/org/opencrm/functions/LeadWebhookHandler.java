package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.opencrm.core.CoreServices;
import org.opencrm.core.config.CachedSetting;
import org.opencrm.core.intake.LeadWebhook;
import org.opencrm.core.intake.WebhookSigning;
import org.opencrm.core.ratelimit.RateLimiter;
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

    private final LeadWebhook webhook;

    public LeadWebhookHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED), AppClock.SHARED);
    }

    LeadWebhookHandler(Services services, Clock clock) {
        CoreServices core = services.core();
        this.webhook =
                new LeadWebhook(
                        new LeadWebhook.Parts(
                                core.intake(),
                                core.secrets(),
                                core.protection().budgets(),
                                core.protection().idempotency(),
                                new CachedSetting<>(
                                        core.config(),
                                        WebhookSigning.DEFINITION,
                                        RateLimiter.SETTINGS_MAX_AGE,
                                        clock),
                                clock),
                        services.environment());
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
                        new LeadWebhook.Request(
                                channel(event),
                                rawBody(event),
                                event.getHeaders(),
                                requestId,
                                sourceIp(event)));
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
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

    private static String sourceIp(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        return context == null || context.getHttp() == null
                ? null
                : context.getHttp().getSourceIp();
    }
}
