package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.search.SearchBackfill;
import org.opencrm.core.search.SearchType;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;

/**
 * Issue 15's one-off: indexes for search every record older than the search stream. Invoked by hand
 * after the deploy ({@code aws lambda invoke}, or the local cloud's schedule fire); a run that runs
 * out of time answers {@code type} and {@code after}, and an invocation whose event detail carries
 * them continues there. Safe to rerun.
 */
public class SearchBackfillHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    /** Time kept back from the Lambda's timeout to finish the page in hand and answer. */
    static final long RESERVE_MILLIS = 60_000;

    private final SearchBackfill backfill;

    public SearchBackfillHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED).core().searchBackfill());
    }

    SearchBackfillHandler(SearchBackfill backfill) {
        this.backfill = backfill;
        Priming.scheduled(this, "SearchBackfill");
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        Map<String, Object> answer = new LinkedHashMap<>();
        Telemetry.observe(
                WorkUnit.scheduleRun("SearchBackfill"),
                context,
                () -> {
                    SearchBackfill.Progress progress =
                            backfill.run(startOf(event), timeLeft(context));
                    answer.put("records", progress.records());
                    answer.put("done", progress.next().isEmpty());
                    progress.next()
                            .ifPresent(
                                    next -> {
                                        answer.put("type", next.type().name());
                                        answer.put("after", next.after());
                                    });
                    return Map.of("records", progress.records());
                },
                WorkOutcome::ofCounts);
        return answer;
    }

    /** Where to start: the event detail's type and cursor, as a previous run answered them. */
    static SearchBackfill.Position startOf(ScheduledEvent event) {
        Map<String, Object> detail = event == null ? null : event.getDetail();
        if (detail == null || !(detail.get("type") instanceof String type)) {
            return SearchBackfill.Position.start();
        }
        Object after = detail.get("after");
        return new SearchBackfill.Position(
                SearchType.valueOf(type), after instanceof String cursor ? cursor : null);
    }

    private static BooleanSupplier timeLeft(Context context) {
        if (context == null) {
            return () -> true;
        }
        return () -> context.getRemainingTimeInMillis() > RESERVE_MILLIS;
    }
}
