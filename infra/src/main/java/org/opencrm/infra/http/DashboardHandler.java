package org.opencrm.infra.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.auth.LocalUserTokens;

/**
 * The local cloud's dashboard at {@code GET /dashboard}: a page that signs in with a fresh dev
 * token (the demo admin, or {@code ?user=ID}) the way GraphiQL's page does, and inlines the API's
 * own charts, the calibers by month and the deal funnel, fetched with that token. Defaults: the
 * funnel of the last 30 days and the revenue of the last 6 months, on the local clock.
 */
final class DashboardHandler implements HttpHandler {

    static final String PATH = "/dashboard";
    private static final ZoneId OFFICES = ZoneId.of("Asia/Shanghai");
    private static final int FUNNEL_DAYS = 30;
    private static final int REVENUE_MONTHS = 6;
    // a JWT is three base64url parts: nothing in it needs escaping in an HTML attribute
    private static final Pattern JWT =
            Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    private final String pageTemplate;
    private final LocalUserTokens tokens;
    private final AppClock clock;

    DashboardHandler(LocalUserTokens tokens, AppClock clock) {
        this.pageTemplate = resource("dashboard.html");
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean read =
                    exchange.getRequestMethod().equals("GET")
                            || exchange.getRequestMethod().equals("HEAD");
            if (!read || !exchange.getRequestURI().getPath().equals(PATH)) {
                Exchanges.sendMessage(exchange, 404, "Not Found");
                return;
            }
            Map<String, String> query = Exchanges.query(exchange.getRequestURI().getRawQuery());
            String userId = query.getOrDefault("user", DemoOrg.ADMIN.id());
            Optional<String> token = tokens.mintFor(userId).filter(JWT.asMatchPredicate());
            if (token.isEmpty()) {
                Exchanges.sendJson(
                        exchange,
                        404,
                        Map.of(
                                "message",
                                "no user " + userId + " in the local users table",
                                "userId",
                                userId));
                return;
            }
            Exchanges.send(
                    exchange,
                    200,
                    "text/html; charset=utf-8",
                    page(userId, token.get()).getBytes(StandardCharsets.UTF_8));
        }
    }

    private String page(String userId, String token) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), OFFICES);
        YearMonth month = YearMonth.from(today);
        return pageTemplate
                .replace("__TOKEN__", token)
                .replace("__USER_ATTR__", escape(userId))
                .replace("__FUNNEL_FROM__", today.minusDays(FUNNEL_DAYS).toString())
                .replace("__FUNNEL_TO__", today.plusDays(1).toString())
                .replace("__REVENUE_FROM__", month.minusMonths(REVENUE_MONTHS - 1L).toString())
                .replace("__REVENUE_TO__", month.toString());
    }

    /** HTML text and attribute escaping of a user id (it names an existing user, but still). */
    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String resource(String name) {
        try (InputStream in =
                Objects.requireNonNull(DashboardHandler.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
