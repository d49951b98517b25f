package org.opencrm.core.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.input.InputRules;
import org.opencrm.core.secrets.SecretSource;
import org.opencrm.core.signing.WebhookSignature;
import org.opencrm.core.store.JsonText;

/**
 * {@code POST /webhooks/leads/{channel}} for ad platforms: the body is verified against the
 * channel's secret (HMAC-SHA256, {@code X-Crm-Signature: sha256=<hex>}) before anything is read
 * from it. A bad or missing signature stores nothing, answers 401 and is logged. A signed body
 * becomes one record per element (an array, {@code {"records": [...]}} or one object); a signed
 * body that is not JSON is quarantined whole rather than lost.
 */
public final class LeadWebhook {

    private static final Logger LOG = Logger.getLogger(LeadWebhook.class.getName());

    private final IntakeService intake;
    private final SecretSource secrets;

    public LeadWebhook(IntakeService intake, SecretSource secrets) {
        this.intake = intake;
        this.secrets = secrets;
    }

    /** The HTTP answer: a status and a JSON body. */
    public record Response(int status, String body) {}

    public Response receive(
            String channel, byte[] body, String signature, String requestId, String sourceIp) {
        List<FieldProblem> badChannel = InputRules.id("channel", channel == null ? "" : channel);
        if (!badChannel.isEmpty()) {
            return refused(new ValidationException(badChannel));
        }
        Optional<String> secret = secrets.webhookSecret(channel);
        if (secret.isEmpty() || !WebhookSignature.verify(signature, body, secret.get())) {
            String why =
                    secret.isEmpty()
                            ? "no webhook secret is configured for the channel"
                            : signature == null || signature.isBlank()
                                    ? "the signature header is missing"
                                    : "the signature does not match";
            LOG.warning(
                    "webhook refused: channel="
                            + channel
                            + " sourceIp="
                            + sourceIp
                            + " requestId="
                            + requestId
                            + " bytes="
                            + body.length
                            + " reason="
                            + why);
            return error(
                    401,
                    "UNAUTHENTICATED",
                    WebhookSignature.HEADER
                            + " must be sha256=<hex HMAC-SHA256 of the body>"
                            + " with the channel's secret");
        }
        try {
            List<IntakeOutcome> outcomes =
                    intake.ingestFromWebhook(channel, records(body), requestId, sourceIp);
            // the same outcomes as ingestLeads, matched ids included (issue 4): the platform holds
            // the channel's secret
            return new Response(200, JsonText.write(outcomes));
        } catch (ValidationException refused) {
            return refused(refused);
        }
    }

    /** 400 with one error per bad field, each with its code, field, rule and limit. */
    private static Response refused(ValidationException refused) {
        List<Map<String, Object>> errors =
                refused.problems().stream().map(LeadWebhook::errorOf).toList();
        return new Response(400, JsonText.write(Map.of("errors", errors)));
    }

    private static Map<String, Object> errorOf(FieldProblem problem) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", "BAD_USER_INPUT");
        extensions.putAll(problem.asDetails());
        return Map.of("message", problem.describe(), "extensions", extensions);
    }

    /**
     * One record per array element; a body that is not JSON is one record (its text), to be
     * quarantined.
     */
    private static List<JsonNode> records(byte[] body) {
        JsonNode root;
        try {
            root = JsonText.MAPPER.readTree(body);
        } catch (IOException notJson) {
            return List.of(
                    JsonText.MAPPER
                            .getNodeFactory()
                            .textNode(new String(body, StandardCharsets.UTF_8)));
        }
        if (root == null || root.isMissingNode()) {
            return List.of(JsonText.MAPPER.getNodeFactory().nullNode());
        }
        JsonNode list =
                root.isObject() && root.path("records").isArray() ? root.get("records") : root;
        if (!list.isArray()) {
            return List.of(list);
        }
        List<JsonNode> records = new ArrayList<>();
        list.forEach(records::add);
        return records;
    }

    private static Response error(int status, String code, String message) {
        return new Response(
                status,
                JsonText.write(
                        Map.of(
                                "errors",
                                List.of(
                                        Map.of(
                                                "message",
                                                message,
                                                "extensions",
                                                Map.of("code", code))))));
    }
}
