package org.opencrm.functions.telemetry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What came out of a unit of work.
 *
 * @param status the HTTP status answered (API requests and webhooks), else null
 * @param errors the response's errors, as the client saw them
 * @param counts what the work reports of itself: a batch's records and failures, a run's results
 */
public record WorkOutcome(Integer status, List<ResponseError> errors, Map<String, Long> counts) {

    public WorkOutcome {
        errors = List.copyOf(errors);
        counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** An HTTP answer and the errors its JSON body carries. */
    public static WorkOutcome ofResponse(int status, String body) {
        return new WorkOutcome(status, ResponseError.in(body), Map.of());
    }

    /** A stream batch: how many records came, were handled, and failed. */
    public static WorkOutcome ofBatch(int records, int handled, int failures) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("records", (long) records);
        counts.put("recordsHandled", (long) handled);
        counts.put("recordFailures", (long) failures);
        return new WorkOutcome(null, List.of(), counts);
    }

    /** A schedule run's own result, e.g. {@code applied: 3}. */
    public static WorkOutcome ofCounts(Map<String, ? extends Number> result) {
        Map<String, Long> counts = new LinkedHashMap<>();
        result.forEach((name, value) -> counts.put(name, value.longValue()));
        return new WorkOutcome(null, List.of(), counts);
    }

    /** The response's {@code extensions.code}s, in order. */
    public List<String> errorCodes() {
        return errors.stream().map(ResponseError::code).toList();
    }
}
