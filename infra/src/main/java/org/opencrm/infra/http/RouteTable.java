package org.opencrm.infra.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencrm.template.HttpApiRoute;

/**
 * The HTTP API's routes, matched the way API Gateway matches them: the most specific route wins
 * (literal paths before {@code {param}} paths before greedy {@code {proxy+}} paths before {@code
 * $default}; a named method before {@code ANY}).
 */
final class RouteTable {

    private static final Pattern PARAMETER = Pattern.compile("\\{([^}+]+)(\\+?)}");

    record RouteMatch(HttpApiRoute route, Map<String, String> pathParameters) {}

    private record CompiledRoute(
            HttpApiRoute route, Pattern pattern, List<String> parameters, int specificity) {}

    private final List<CompiledRoute> routes;

    RouteTable(List<HttpApiRoute> routes) {
        this.routes =
                routes.stream()
                        .map(RouteTable::compile)
                        .sorted(Comparator.comparingInt(CompiledRoute::specificity))
                        .toList();
    }

    Optional<RouteMatch> match(String method, String path) {
        for (CompiledRoute candidate : routes) {
            String routeMethod = candidate.route().method();
            if (!routeMethod.equals("ANY") && !routeMethod.equalsIgnoreCase(method)) {
                continue;
            }
            Matcher matcher = candidate.pattern().matcher(path);
            if (matcher.matches()) {
                Map<String, String> parameters = new LinkedHashMap<>();
                for (int i = 0; i < candidate.parameters().size(); i++) {
                    parameters.put(candidate.parameters().get(i), matcher.group(i + 1));
                }
                return Optional.of(new RouteMatch(candidate.route(), parameters));
            }
        }
        return Optional.empty();
    }

    private static CompiledRoute compile(HttpApiRoute route) {
        int methodRank = route.method().equals("ANY") ? 1 : 0;
        if (route.path().equals(HttpApiRoute.DEFAULT_ROUTE)) {
            return new CompiledRoute(route, Pattern.compile(".*"), List.of(), 60 + methodRank);
        }
        Matcher parameter = PARAMETER.matcher(route.path());
        StringBuilder regex = new StringBuilder();
        List<String> names = new ArrayList<>();
        int literalFrom = 0;
        int rank = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(route.path().substring(literalFrom, parameter.start())));
            boolean greedy = !parameter.group(2).isEmpty();
            regex.append(greedy ? "(.+)" : "([^/]+)");
            names.add(parameter.group(1));
            rank = Math.max(rank, greedy ? 40 : 20);
            literalFrom = parameter.end();
        }
        regex.append(Pattern.quote(route.path().substring(literalFrom)));
        return new CompiledRoute(
                route, Pattern.compile(regex.toString()), names, rank + methodRank);
    }
}
