package org.opencrm.core.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.ErrorCode;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.HttpStatuses;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.idempotency.Idempotency;
import org.opencrm.core.idempotency.IdempotencyInProgressException;
import org.opencrm.core.idempotency.IdempotencyKeyReusedException;
import org.opencrm.core.idempotency.IdempotencyKeys;
import org.opencrm.core.input.InputRules;
import org.opencrm.core.ratelimit.RateLimitedException;
import org.opencrm.core.ratelimit.RateLimiter;
import org.opencrm.core.secrets.SecretSource;
import org.opencrm.core.signing.Sha256;
import org.opencrm.core.signing.WebhookSignature;
import org.opencrm.core.store.JsonText;

/**
 * {@code POST /webhooks/leads/{channel}} for ad platforms. In order:
 *
 * <ol>
 *   <li>a request naming another environment ({@code X-Crm-Env}) is refused (400);
 *   <li>the signature is checked before anything is read from the body: {@code X-Crm-Signature:
 *       sha256=<hex>} over {@code <X-Crm-Delivery>.<X-Crm-Timestamp>.<body>} with the channel's
 *       secret, and the timestamp within {@link #WINDOW} of now; anything else stores nothing,
 *       answers 401 naming the header and rule, and is logged ({@link WebhookSigning} lets a
 *       channel in transition sign the body alone);
 *   <li>the channel's delivery budget is charged (429 with {@code Retry-After} when spent);
 *   <li>the delivery id is answered once: a repeat gets the first answer again ({@code
 *       Idempotent-Replayed: true}), a repeat with another body 422;
 *   <li>the body becomes one record per element (an array, {@code {"records": [...]}} or one
 *       object; a body that is not JSON is quarantined whole rather than lost), with ids derived
 *       from the delivery, so a delivery run twice stores each record once.
 * </ol>
 *
 * <p>Nothing is ever a 500: a record that cannot be stored is quarantined (the write tried again on
 * passing failures), and only when even that fails is the delivery answered 503 with {@code
 * Retry-After}, its id released: the sender's retry stores what is missing and answers the rest as
 * before. Every answer carries the environment ({@code X-Crm-Env} header; error bodies also in
 * {@code extensions.environment}).
 */
public final class LeadWebhook {

    /** How far a delivery's timestamp may be from the server's clock, either way. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    /** When a sender should try a delivery again that could not be stored. */
    public static final long UNAVAILABLE_RETRY_AFTER_SECONDS = 30;

    private static final Map<String, Object> UNAVAILABLE_DETAILS =
            Map.of("retryAfterSeconds", UNAVAILABLE_RETRY_AFTER_SECONDS);

    public static final String ENVIRONMENT_HEADER = "X-Crm-Env";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final String SIGNED_CONTENT =
            "must be sha256=<hex HMAC-SHA256 of <"
                    + WebhookSignature.DELIVERY_HEADER
                    + ">.<"
                    + WebhookSignature.TIMESTAMP_HEADER
                    + ">.<body>> with the channel's secret";
    private static final Pattern UNIX_SECONDS = Pattern.compile("[0-9]{1,12}");
    private static final Logger LOG = Logger.getLogger(LeadWebhook.class.getName());

    private final Parts parts;
    private final String environment;

    /**
     * What a delivery goes through.
     *
     * @param signing the current {@link WebhookSigning}, read at most every few seconds
     */
    public record Parts(
            IntakeService intake,
            SecretSource secrets,
            RateLimiter budgets,
            Idempotency idempotency,
            Supplier<WebhookSigning> signing,
            Clock clock) {}

    /** One delivery as it arrived: the bytes the platform signed, and its headers. */
    public static final class Request {
        private final String channel;
        private final byte[] body;
        private final Map<String, String> headers;
        private final String requestId;
        private final String sourceIp;

        /**
         * @param body the raw body bytes (a class, not a record: a record's array is not its own)
         * @param headers header names in any case
         */
        public Request(
                String channel,
                byte[] body,
                Map<String, String> headers,
                String requestId,
                String sourceIp) {
            this.channel = channel;
            this.body = body == null ? new byte[0] : body.clone();
            this.headers =
                    headers == null
                            ? Map.of()
                            : headers.entrySet().stream()
                                    .filter(h -> h.getKey() != null && h.getValue() != null)
                                    .collect(
                                            Collectors.toUnmodifiableMap(
                                                    h -> h.getKey().toLowerCase(Locale.ROOT),
                                                    Map.Entry::getValue,
                                                    (a, b) -> a));
            this.requestId = requestId;
            this.sourceIp = sourceIp;
        }

        public String channel() {
            return channel;
        }

        byte[] body() {
            return body;
        }

        public String requestId() {
            return requestId;
        }

        public String sourceIp() {
            return sourceIp;
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** The HTTP answer: a status, a JSON body and its headers. */
    public record Response(int status, String body, Map<String, String> headers) {}

    public LeadWebhook(Parts parts, String environment) {
        this.parts = parts;
        this.environment = environment;
    }

    public Response receive(Request request) {
        try {
            return answer(request);
        } catch (RuntimeException unexpected) {
            // a store or the configuration unreachable before anything was kept: the sender retries
            LOG.log(
                    Level.SEVERE,
                    "webhook delivery of "
                            + request.channel()
                            + " (request "
                            + request.requestId()
                            + ") could not be handled; answered 503",
                    unexpected);
            return unavailable();
        }
    }

    private Response answer(Request request) {
        List<FieldProblem> badChannel =
                InputRules.id("channel", request.channel() == null ? "" : request.channel());
        if (!badChannel.isEmpty()) {
            return validation(new ValidationException(badChannel));
        }
        String declared = request.header(ENVIRONMENT_HEADER);
        if (declared != null && !declared.equals(environment)) {
            return error(
                    ErrorCode.ENVIRONMENT_MISMATCH,
                    ENVIRONMENT_HEADER
                            + ": this is the "
                            + environment
                            + " environment, the delivery was meant for "
                            + declared,
                    Map.of("requested", declared),
                    Map.of());
        }
        Signed signed = authenticate(request);
        if (signed.refusal() != null) {
            return signed.refusal();
        }
        try {
            parts.budgets().admitChannel(request.channel());
            Idempotency.Outcome outcome =
                    parts.idempotency()
                            .onceForDelivery(
                                    request.channel(),
                                    signed.deliveryId(),
                                    WebhookSignature.DELIVERY_HEADER,
                                    Sha256.hex(request.body()),
                                    () -> ingest(request, signed.deliveryId()));
            return answered(outcome);
        } catch (RateLimitedException
                | IdempotencyInProgressException
                | IdempotencyKeyReusedException refused) {
            return refusal(refused);
        }
    }

    /** The delivery id the signature covers, or the 401 (400) that refuses the delivery. */
    private record Signed(String deliveryId, Response refusal) {
        static Signed as(String deliveryId) {
            return new Signed(deliveryId, null);
        }

        static Signed refused(Response refusal) {
            return new Signed(null, refusal);
        }
    }

    private Signed authenticate(Request request) {
        Optional<String> secret = parts.secrets().webhookSecret(request.channel());
        if (secret.isEmpty()) {
            // answered as a wrong signature: the answer does not tell which channels exist
            return Signed.refused(
                    unauthenticated(
                            request,
                            "no webhook secret is configured for the channel",
                            WebhookSignature.HEADER,
                            "signature",
                            SIGNED_CONTENT));
        }
        String signature = request.header(WebhookSignature.HEADER);
        String timestamp = request.header(WebhookSignature.TIMESTAMP_HEADER);
        if (timestamp == null && parts.signing().get().bodyOnly(request.channel())) {
            return bodyOnly(request, signature, secret.get());
        }
        String deliveryId = request.header(WebhookSignature.DELIVERY_HEADER);
        Optional<FieldProblem> problem =
                timestamp == null
                        ? Optional.of(
                                FieldProblem.of(
                                        WebhookSignature.TIMESTAMP_HEADER,
                                        "required",
                                        "every delivery carries the Unix time in seconds it was"
                                                + " signed at"))
                        : IdempotencyKeys.deliveryIdProblem(
                                        WebhookSignature.DELIVERY_HEADER, deliveryId)
                                .or(() -> timestampFormat(timestamp));
        if (problem.isPresent()) {
            return Signed.refused(unauthenticated(request, problem.get()));
        }
        if (!WebhookSignature.verifyDelivery(
                signature, deliveryId, timestamp, request.body(), secret.get())) {
            return Signed.refused(
                    unauthenticated(
                            request,
                            signature == null || signature.isBlank()
                                    ? "the signature header is missing"
                                    : "the signature does not match",
                            WebhookSignature.HEADER,
                            "signature",
                            SIGNED_CONTENT));
        }
        long skew = parts.clock().instant().getEpochSecond() - Long.parseLong(timestamp);
        if (Math.abs(skew) > WINDOW.toSeconds()) {
            return Signed.refused(
                    unauthenticated(
                            request,
                            new FieldProblem(
                                    WebhookSignature.TIMESTAMP_HEADER,
                                    "window",
                                    "must be within "
                                            + WINDOW.toSeconds()
                                            + " s of the server's clock; this one is "
                                            + Math.abs(skew)
                                            + " s "
                                            + (skew > 0 ? "old" : "ahead")
                                            + " (sign each delivery, and each retry, when it is"
                                            + " sent)",
                                    WINDOW.toSeconds())));
        }
        return Signed.as(deliveryId);
    }

    /**
     * A channel in transition: the body's MAC alone. Its delivery id is the sender's unsigned
     * header if given, else the body's hash, so an identical body sent again is answered once.
     */
    private Signed bodyOnly(Request request, String signature, String secret) {
        if (!WebhookSignature.verify(signature, request.body(), secret)) {
            return Signed.refused(
                    unauthenticated(
                            request,
                            signature == null || signature.isBlank()
                                    ? "the signature header is missing"
                                    : "the signature does not match",
                            WebhookSignature.HEADER,
                            "signature",
                            "must be sha256=<hex HMAC-SHA256 of the body> with the channel's"
                                    + " secret"));
        }
        String deliveryId = request.header(WebhookSignature.DELIVERY_HEADER);
        if (deliveryId == null) {
            return Signed.as("body-" + Sha256.hex(request.body()));
        }
        Optional<FieldProblem> problem =
                IdempotencyKeys.deliveryIdProblem(WebhookSignature.DELIVERY_HEADER, deliveryId);
        if (problem.isPresent()) {
            return Signed.refused(validation(new ValidationException(problem.get())));
        }
        return Signed.as(deliveryId);
    }

    private static Optional<FieldProblem> timestampFormat(String timestamp) {
        if (UNIX_SECONDS.matcher(timestamp).matches()) {
            return Optional.empty();
        }
        return Optional.of(
                new FieldProblem(
                        WebhookSignature.TIMESTAMP_HEADER,
                        "unixSeconds",
                        "must be the Unix time in whole seconds, e.g. 1767225600",
                        UNIX_SECONDS.pattern()));
    }

    /** One run of a delivery: 200 with the outcomes, 400 for a refused body, 503 if unstorable. */
    private Idempotency.Result ingest(Request request, String deliveryId) {
        // the body's hash too: a sender reusing an id for another body must not meet old records
        String stableId =
                "webhook#"
                        + request.channel()
                        + "#"
                        + deliveryId
                        + "#"
                        + Sha256.hex(request.body()).substring(0, 16);
        try {
            List<IntakeOutcome> outcomes =
                    parts.intake()
                            .ingestFromWebhook(
                                    request.channel(),
                                    records(request.body()),
                                    request.requestId(),
                                    request.sourceIp(),
                                    stableId);
            // the same outcomes as ingestLeads, matched ids included (issue 4): the platform holds
            // the channel's secret
            return Idempotency.Result.kept(new Idempotency.Answer(200, JsonText.write(outcomes)));
        } catch (ValidationException refused) {
            return settled(validation(refused));
        } catch (CrmException refused) {
            return settled(refusal(refused));
        } catch (RuntimeException unstorable) {
            LOG.log(
                    Level.SEVERE,
                    "webhook delivery "
                            + deliveryId
                            + " of "
                            + request.channel()
                            + " (request "
                            + request.requestId()
                            + "): a record could not be stored, not even quarantined; answered 503",
                    unstorable);
            return settled(unavailable());
        }
    }

    /**
     * A run's answer under its delivery id: kept, so a repeat is answered the same, unless it is a
     * failure of ours (a 5xx), which gives the id up so the sender's retry runs the delivery again.
     */
    private static Idempotency.Result settled(Response answer) {
        Idempotency.Answer stored = new Idempotency.Answer(answer.status(), answer.body());
        return answer.status() >= 500
                ? Idempotency.Result.retryable(stored)
                : Idempotency.Result.kept(stored);
    }

    private Response answered(Idempotency.Outcome outcome) {
        Idempotency.Answer answer = outcome.answer();
        Map<String, String> headers = new LinkedHashMap<>();
        if (answer.status() == HttpStatuses.of(ErrorCode.UNAVAILABLE)) {
            // the stored answer keeps status and body only: the one 503 a run gives is
            // unavailable()
            headers.putAll(HttpStatuses.retryAfter(UNAVAILABLE_DETAILS));
        }
        if (outcome.replayed()) {
            headers.put(REPLAYED_HEADER, "true");
        }
        return new Response(answer.status(), answer.body(), headers(headers));
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

    private Response unauthenticated(
            Request request, String why, String field, String rule, String message) {
        return unauthenticated(request, why, FieldProblem.of(field, rule, message));
    }

    private Response unauthenticated(Request request, FieldProblem problem) {
        return unauthenticated(request, problem.rule(), problem);
    }

    private Response unauthenticated(Request request, String why, FieldProblem problem) {
        LOG.warning(
                "webhook refused: channel="
                        + request.channel()
                        + " sourceIp="
                        + request.sourceIp()
                        + " requestId="
                        + request.requestId()
                        + " bytes="
                        + request.body().length
                        + " reason="
                        + why);
        return error(ErrorCode.UNAUTHENTICATED, problem.describe(), problem.asDetails(), Map.of());
    }

    private Response validation(ValidationException refused) {
        List<Map<String, Object>> errors = new ArrayList<>();
        for (FieldProblem problem : refused.problems()) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("code", ErrorCode.BAD_USER_INPUT.name());
            extensions.putAll(problem.asDetails());
            errors.add(Map.of("message", problem.describe(), "extensions", extensions));
        }
        return new Response(
                HttpStatuses.of(ErrorCode.BAD_USER_INPUT), body(errors), headers(Map.of()));
    }

    private Response refusal(CrmException refused) {
        return error(
                refused.code(),
                refused.getMessage(),
                refused.details(),
                HttpStatuses.retryAfter(refused));
    }

    private Response unavailable() {
        return error(
                ErrorCode.UNAVAILABLE,
                "the delivery could not be stored just now; send it again (same "
                        + WebhookSignature.DELIVERY_HEADER
                        + ") after "
                        + UNAVAILABLE_RETRY_AFTER_SECONDS
                        + " s: what was stored is answered as before, never twice",
                UNAVAILABLE_DETAILS,
                HttpStatuses.retryAfter(UNAVAILABLE_DETAILS));
    }

    /** An error answer, its status from the one table of them ({@link HttpStatuses}). */
    private Response error(
            ErrorCode code,
            String message,
            Map<String, Object> details,
            Map<String, String> extraHeaders) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        extensions.putAll(details);
        return new Response(
                HttpStatuses.of(code),
                body(List.of(Map.of("message", message, "extensions", extensions))),
                headers(extraHeaders));
    }

    private String body(List<Map<String, Object>> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errors", errors);
        body.put("extensions", Map.of("environment", environment));
        return JsonText.write(body);
    }

    private Map<String, String> headers(Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(ENVIRONMENT_HEADER, environment);
        headers.putAll(extra);
        return Map.copyOf(headers);
    }
}
