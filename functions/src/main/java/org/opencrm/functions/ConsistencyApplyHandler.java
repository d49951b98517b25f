package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.opencrm.core.consistency.ConsistencyService;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;

/**
 * Every minute (issue 17, R-09): continues each consistency apply the mutation left RUNNING, from
 * the report's cursor, while the invocation has time; returns how many reports it worked, finished
 * and skipped (held by another worker).
 */
public class ConsistencyApplyHandler
        implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    /**
     * Time kept back from the Lambda's timeout: the page in hand (at most 100 customer writes,
     * seconds) and its save must end before the timeout, or its lease is held until it runs out.
     */
    static final long RESERVE_MILLIS = 20_000;

    private final ConsistencyService consistency;

    public ConsistencyApplyHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED).core().consistency());
    }

    ConsistencyApplyHandler(ConsistencyService consistency) {
        this.consistency = consistency;
        Priming.scheduled(this, "ConsistencyApply");
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent tick, Context context) {
        return Telemetry.observe(
                WorkUnit.scheduleRun("ConsistencyApply"),
                context,
                () -> consistency.continuePending(timeLeft(context)).counts(),
                WorkOutcome::ofCounts);
    }

    private static BooleanSupplier timeLeft(Context context) {
        if (context == null) {
            return () -> true;
        }
        return () -> context.getRemainingTimeInMillis() > RESERVE_MILLIS;
    }
}
