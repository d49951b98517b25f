package org.opencrm.infra.fuzz;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's answers counted: requests per family, answers from past the gate per family and per
 * GraphQL root field, HTTP statuses (overall and per family), error codes, time per family and the
 * slowest requests. Filled by one thread, after the answers came.
 */
public final class FuzzTally {

    private static final int SLOWEST = 8;

    private record Timed(long millis, FuzzRequest request) {}

    private final Map<String, Integer> byKind = new TreeMap<>();
    private final Map<String, Integer> servedByKind = new TreeMap<>();
    private final Map<String, Integer> servedByRoot = new TreeMap<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final Map<String, Integer> codes = new TreeMap<>();
    private final Map<String, Map<Integer, Integer>> statusesByKind = new TreeMap<>();
    private final Map<String, Long> millisByKind = new TreeMap<>();
    private final List<Timed> times = new ArrayList<>();

    void add(FuzzRequest request, FuzzRun.Judged answer) {
        byKind.merge(request.kind(), 1, Integer::sum);
        statuses.merge(answer.status(), 1, Integer::sum);
        answer.codes().forEach(code -> codes.merge(code, 1, Integer::sum));
        statusesByKind
                .computeIfAbsent(request.kind(), kind -> new TreeMap<>())
                .merge(answer.status(), 1, Integer::sum);
        millisByKind.merge(request.kind(), answer.millis(), Long::sum);
        times.add(new Timed(answer.millis(), request));
        int served = answer.served() ? 1 : 0;
        servedByKind.merge(request.kind(), served, Integer::sum);
        // every root called is listed, so one never served shows as 0
        GraphqlCases.rootOf(request)
                .ifPresent(root -> servedByRoot.merge(root, served, Integer::sum));
    }

    /** Requests sent per family. */
    public Map<String, Integer> requestsByKind() {
        return Map.copyOf(byKind);
    }

    /** Answers from past the route's gate per family ({@link FuzzCheck#served}). */
    public Map<String, Integer> servedByKind() {
        return Map.copyOf(servedByKind);
    }

    /** The GraphQL root fields called, none of whose calls got past validation. */
    public List<String> rootsNeverServed() {
        return servedByRoot.entrySet().stream()
                .filter(root -> root.getValue() == 0)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Answers per HTTP status. */
    public Map<Integer, Integer> statuses() {
        return Map.copyOf(statuses);
    }

    /** Errors per {@code extensions.code}, or what the answer was instead of errors. */
    public Map<String, Integer> codes() {
        return Map.copyOf(codes);
    }

    void print(PrintStream out) {
        out.println("  kinds:    " + byKind);
        out.println("  served:   " + servedByKind + " (past the gate)");
        out.println(
                "  roots:    "
                        + servedByRoot.size()
                        + " called, never past validation: "
                        + rootsNeverServed());
        out.println("  statuses: " + statuses);
        out.println("  codes:    " + codes);
        statusesByKind.forEach((kind, counts) -> out.println("    " + kind + ": " + counts));
        out.println("  ms/kind:  " + millisByKind);
        times.stream()
                .sorted(Comparator.comparingLong(Timed::millis).reversed())
                .limit(SLOWEST)
                .forEach(
                        slow ->
                                out.println(
                                        "  slow:     "
                                                + slow.millis()
                                                + " ms "
                                                + FuzzCases.abbreviate(slow.request().toString())));
    }
}
