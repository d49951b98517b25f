package org.opencrm.infra.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What no answer may hold, whatever was sent: a 5xx status, an {@code INTERNAL} error code, a stack
 * frame, or the name of a Java class or package (ours, the JDK's, graphql-java's, Jackson's, the
 * AWS SDK's). The generator never sends text of these shapes, so any found is the server's own.
 */
final class FuzzCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the leaks look like, each with the reason reported. */
    private static final List<Leak> LEAKS =
            List.of(
                    new Leak(
                            "stack frame",
                            Pattern.compile("\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\([\\w$]*(\\.java)?")),
                    new Leak(
                            "package-qualified name",
                            Pattern.compile(
                                    "\\b(java|javax|jdk|sun|graphql|com\\.fasterxml|software\\.amazon"
                                            + "|org\\.opencrm|org\\.eclipse|org\\.gaul)\\.[a-z_$][\\w$]*")),
                    new Leak(
                            "exception or error class",
                            Pattern.compile("\\b[A-Z][A-Za-z0-9]*(Exception|Error)\\b")),
                    new Leak("INTERNAL code", Pattern.compile("\"code\"\\s*:\\s*\"INTERNAL\"")));

    private record Leak(String what, Pattern pattern) {}

    /** One answer that broke a rule. */
    record Finding(FuzzRequest request, int status, String rule, String evidence, String body) {

        @Override
        public String toString() {
            return request
                    + "\n    → HTTP "
                    + status
                    + ": "
                    + rule
                    + " ["
                    + evidence
                    + "]\n    request body: "
                    + request.bodyPreview(300)
                    + "\n    answer: "
                    + FuzzCases.abbreviate(body.length() > 600 ? body.substring(0, 600) : body);
        }
    }

    private FuzzCheck() {}

    static List<Finding> findings(FuzzRequest request, FuzzHttp.Answer answer) {
        List<Finding> findings = new ArrayList<>();
        if (answer.status() >= 500) {
            findings.add(
                    new Finding(request, answer.status(), "HTTP 5xx", "status", answer.body()));
        }
        // S3Proxy answers uploads in its own words (XML errors); only its status is judged, and
        // what the arrival function makes of the object shows in the dead letters
        if (request.kind().equals("upload")) {
            return findings;
        }
        for (Leak leak : LEAKS) {
            Matcher matcher = leak.pattern().matcher(answer.body());
            if (matcher.find()) {
                findings.add(
                        new Finding(
                                request,
                                answer.status(),
                                leak.what(),
                                matcher.group(),
                                answer.body()));
            }
        }
        return findings;
    }

    /**
     * Whether the answer came from past the route's gate (token, body and document checks), so the
     * handler behind it, not only its guard, met the request: a GraphQL call whose execution
     * started (it has data, or an error raised at a field, which carries a path), a webhook
     * delivery taken, a chart drawn, an object stored for its arrival function. The other families
     * are refusals by design and are never counted.
     */
    static boolean served(FuzzRequest request, FuzzHttp.Answer answer) {
        if (answer.status() != 200) {
            return false;
        }
        return switch (request.kind()) {
            case "graphql" -> json(answer.body()).map(FuzzCheck::executed).orElse(false);
            case "webhook", "chart", "upload" -> true;
            default -> false;
        };
    }

    private static boolean executed(JsonNode body) {
        if (body.path("data").isObject()) {
            return true;
        }
        for (JsonNode error : body.path("errors")) {
            if (error.has("path")) {
                return true;
            }
        }
        return false;
    }

    /** The codes of the answer's errors ({@code extensions.code}), or what the answer was. */
    static List<String> codes(FuzzHttp.Answer answer) {
        Optional<JsonNode> body = json(answer.body());
        if (body.isEmpty()) {
            return List.of(answer.body().isEmpty() ? "(empty)" : "(not JSON)");
        }
        JsonNode errors = errorsOf(body.get());
        if (errors == null || !errors.isArray() || errors.isEmpty()) {
            return List.of("(no error)");
        }
        List<String> codes = new ArrayList<>();
        errors.forEach(
                error -> codes.add(error.path("extensions").path("code").asText("(no code)")));
        return codes;
    }

    private static JsonNode errorsOf(JsonNode body) {
        if (body.isArray()) {
            return body.isEmpty() ? null : body.get(0).get("errors");
        }
        return body.get("errors");
    }

    private static Optional<JsonNode> json(String body) {
        if (body.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readTree(body));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}
