package org.opencrm.graphql.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.chart.ChartKind;
import org.opencrm.core.chart.ChartLinks;
import org.opencrm.core.chart.ChartService;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.ErrorCode;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.HttpStatuses;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.input.InputRules;
import org.opencrm.core.ratelimit.RateLimiter;
import org.opencrm.graphql.http.ClaimsCaller;
import org.opencrm.graphql.http.HttpResponse;

/**
 * {@code GET /charts/{chart}} (behind the JWT authorizer, like GraphQL) and {@code GET
 * /charts/link/{chart}} (a signed, expiring {@link ChartLinks} link, for messages that cannot carry
 * a token): the chart as {@code image/svg+xml}, drawn for the caller or the link's viewer, who must
 * be an active user either way. Each request spends the user's request budget, the one {@code
 * /graphql} spends (a link its viewer's): over it, 429 {@code RATE_LIMITED} with {@code
 * Retry-After}. Refusals are JSON in GraphQL's error shape with {@code extensions.code} (and field,
 * rule, limit for bad parameters) and a 4xx status, never an image of an error.
 */
public final class ChartHttpEndpoint {

    public static final String SVG = "image/svg+xml; charset=utf-8";
    private static final Logger LOG = Logger.getLogger(ChartHttpEndpoint.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChartService charts;
    private final ChartLinks links;
    private final UnaryOperator<Caller> authenticate;
    private final RateLimiter budgets;

    /**
     * @param authenticate the caller as the org knows them now, or UNAUTHENTICATED (suspended,
     *     departed, unknown); it takes the user id and replaces role, region and team
     * @param budgets the per-user request budgets (issue 18), the container's one instance
     */
    public ChartHttpEndpoint(
            ChartService charts,
            ChartLinks links,
            UnaryOperator<Caller> authenticate,
            RateLimiter budgets) {
        this.charts = charts;
        this.links = links;
        this.authenticate = authenticate;
        this.budgets = budgets;
    }

    public HttpResponse handle(ChartRequest request) {
        try {
            checkInput(request);
            ChartKind chart =
                    ChartKind.byFileName(request.fileName())
                            .orElseThrow(() -> new NotFoundException("Chart", request.fileName()));
            Caller caller = caller(chart, request);
            // after the caller is known, as on /graphql: a link spends its viewer's budget
            budgets.admitUser(caller.userId());
            Map<String, String> parameters =
                    request.signedLink()
                            ? ChartLinks.chartParameters(request.parameters())
                            : request.parameters();
            String svg = charts.render(chart, parameters, caller);
            // the numbers are the caller's own view: no shared cache may keep them
            return new HttpResponse(
                    200, Map.of("content-type", SVG, "cache-control", "private, max-age=60"), svg);
        } catch (CrmException refused) {
            return refusal(refused).withHeaders(HttpStatuses.retryAfter(refused));
        } catch (RuntimeException unexpected) {
            LOG.log(Level.SEVERE, "chart request " + request.requestId() + " failed", unexpected);
            return json(
                    500,
                    List.of(
                            error(
                                    "Internal error; quote request id "
                                            + request.requestId()
                                            + " when reporting it",
                                    ErrorCode.INTERNAL,
                                    Map.of("requestId", String.valueOf(request.requestId())))));
        }
    }

    /**
     * The path and query parameters as any input is checked before a store sees it: the chart's
     * file name is an id, a parameter named as an id ({@code ownerId}, the link's {@code viewer})
     * an id, every other a text with the limit its name has.
     */
    private static void checkInput(ChartRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        problems.addAll(
                InputRules.id("chart", request.fileName() == null ? "" : request.fileName()));
        for (Map.Entry<String, String> parameter : request.parameters().entrySet()) {
            String name = parameter.getKey();
            problems.addAll(InputRules.text("parameter", name, InputRules.SHORT_TEXT_MAX));
            String value = String.valueOf(parameter.getValue());
            problems.addAll(
                    isId(name) ? InputRules.id(name, value) : InputRules.text(name, name, value));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    private static boolean isId(String parameter) {
        return parameter.endsWith("Id") || parameter.equals(ChartLinks.VIEWER);
    }

    private Caller caller(ChartKind chart, ChartRequest request) {
        if (!request.signedLink()) {
            return authenticate.apply(
                    ClaimsCaller.from(request.claims(), request.requestId(), request.sourceIp()));
        }
        String viewer = links.verify(chart, request.parameters());
        // the role is a placeholder: authenticate reads the viewer's role, region and team from
        // the users table, so a link shows what its viewer may see today
        return authenticate.apply(
                Caller.builder()
                        .userId(viewer)
                        .role(Role.SALES_REP)
                        .requestId(request.requestId())
                        .sourceIp(request.sourceIp())
                        .build());
    }

    private static HttpResponse refusal(CrmException refused) {
        if (refused instanceof ValidationException invalid) {
            return json(
                    400,
                    invalid.problems().stream()
                            .map(
                                    problem ->
                                            error(
                                                    problem.describe(),
                                                    ErrorCode.BAD_USER_INPUT,
                                                    problem.asDetails()))
                            .toList());
        }
        return json(
                HttpStatuses.of(refused.code()),
                List.of(error(refused.getMessage(), refused.code(), refused.details())));
    }

    private static Map<String, Object> error(
            String message, ErrorCode code, Map<String, Object> details) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        extensions.putAll(details);
        return Map.of("message", message, "extensions", extensions);
    }

    private static HttpResponse json(int status, List<Map<String, Object>> errors) {
        try {
            return new HttpResponse(
                    status,
                    Map.of("content-type", "application/json; charset=utf-8"),
                    JSON.writeValueAsString(Map.of("errors", errors)));
        } catch (JsonProcessingException unserialisable) {
            throw new IllegalStateException("error could not be serialised", unserialisable);
        }
    }
}
