package org.opencrm.infra.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.auth.LocalUserTokens;
import org.opencrm.infra.functions.InvocationFailedException;
import org.opencrm.infra.schedules.Scheduler;
import org.opencrm.infra.streams.DeadLetterSink;

/**
 * The local cloud's own controls under {@code /_local/}, for tests and people: move the application
 * clock, fire a schedule now, read the dead letters, mint a dev token for a user of the users
 * table, ask whether the cloud is ready. Served at stage dev only.
 */
final class LocalEndpoints implements HttpHandler {

    private static final Pattern FIRE_SCHEDULE = Pattern.compile("/_local/schedules/([^/]+)/fire");

    private final AppClock clock;
    private final Scheduler scheduler;
    private final DeadLetterSink deadLetters;
    private final LocalUserTokens tokens;

    LocalEndpoints(
            AppClock clock,
            Scheduler scheduler,
            DeadLetterSink deadLetters,
            LocalUserTokens tokens) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.deadLetters = deadLetters;
        this.tokens = tokens;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            Matcher fire = FIRE_SCHEDULE.matcher(path);
            if (method.equals("POST") && path.equals("/_local/clock/advance")) {
                advanceClock(exchange);
            } else if (method.equals("GET") && path.equals("/_local/clock")) {
                Exchanges.sendJson(exchange, 200, clockState());
            } else if (method.equals("POST") && fire.matches()) {
                fireSchedule(exchange, fire.group(1));
            } else if (method.equals("GET") && path.equals("/_local/dead-letters")) {
                Exchanges.sendJson(exchange, 200, deadLetters.readAll());
            } else if (method.equals("GET") && path.equals("/_local/token")) {
                token(exchange);
            } else if (method.equals("GET") && path.equals("/_local/ready")) {
                // reached once ready only: before, the readiness filter answers 503
                Exchanges.sendJson(exchange, 200, Map.of("ready", true));
            } else {
                Exchanges.sendMessage(exchange, 404, "Not Found");
            }
        }
    }

    private void advanceClock(HttpExchange exchange) throws IOException {
        String by = Exchanges.query(exchange.getRequestURI().getRawQuery()).get("by");
        try {
            clock.advance(Duration.parse(by == null ? "" : by));
        } catch (DateTimeParseException | IllegalArgumentException bad) {
            Exchanges.sendMessage(
                    exchange,
                    400,
                    "by must be a non-negative ISO-8601 duration such as PT2H, got " + by);
            return;
        }
        Exchanges.sendJson(exchange, 200, clockState());
    }

    /** {@code ?user=ID}: a dev token with the claims of that user's record. */
    private void token(HttpExchange exchange) throws IOException {
        String userId = Exchanges.query(exchange.getRequestURI().getRawQuery()).get("user");
        if (userId == null || userId.isBlank()) {
            Exchanges.sendMessage(exchange, 400, "user is required, e.g. ?user=demo-rep-a1");
            return;
        }
        Optional<String> token = tokens.mintFor(userId);
        if (token.isEmpty()) {
            // userId tells the caller this route answered, not a cloud that lacks the route
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
        Exchanges.sendJson(exchange, 200, Map.of("userId", userId, "token", token.get()));
    }

    private Map<String, String> clockState() {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("offset", clock.offset().toString());
        state.put("now", clock.instant().toString());
        return state;
    }

    private void fireSchedule(HttpExchange exchange, String functionLogicalId) throws IOException {
        if (!scheduler.knows(functionLogicalId)) {
            Exchanges.sendMessage(exchange, 404, "no schedule for function " + functionLogicalId);
            return;
        }
        try {
            int fired = scheduler.fireNow(functionLogicalId).size();
            Exchanges.sendJson(
                    exchange, 200, Map.of("function", functionLogicalId, "fired", fired));
        } catch (InvocationFailedException failed) {
            Exchanges.sendMessage(exchange, 500, failed.getMessage());
        }
    }
}
