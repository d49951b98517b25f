package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.opencrm.core.CoreServices;
import org.opencrm.core.consistency.ConsistencyDiff;
import org.opencrm.core.consistency.ConsistencyService;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;

/**
 * Every minute (issue 17, R-09): continues each consistency apply the mutation left RUNNING, then
 * each consistency diff its upload's arrival left RUNNING, from the report's cursor, while the
 * invocation has time; returns how many reports it worked, finished and skipped (held by another
 * worker), the diffs' as {@code diffsWorked}, {@code diffsFinished} and {@code diffsSkipped}.
 */
public class ConsistencyApplyHandler
        implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    /**
     * Time kept back from the Lambda's timeout: the page in hand (at most 100 customer writes,
     * seconds) and its save must end before the timeout, or its lease is held until it runs out.
     */
    static final long RESERVE_MILLIS = 20_000;

    private final ConsistencyService consistency;
    private final ConsistencyDiff diffs;

    public ConsistencyApplyHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED).core());
    }

    ConsistencyApplyHandler(CoreServices core) {
        this.consistency = core.consistency();
        this.diffs = core.consistencyDiffs();
        Priming.scheduled(this, "ConsistencyApply");
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent tick, Context context) {
        return Telemetry.observe(
                WorkUnit.scheduleRun("ConsistencyApply"),
                context,
                () -> continueBoth(timeLeft(context)),
                WorkOutcome::ofCounts);
    }

    /** Applies first (an admin waits on each), then diffs, within the one invocation's time. */
    private Map<String, Integer> continueBoth(BooleanSupplier timeLeft) {
        Map<String, Integer> counts =
                new java.util.TreeMap<>(consistency.continuePending(timeLeft).counts());
        diffs.continuePending(timeLeft)
                .counts()
                .forEach(
                        (name, count) ->
                                counts.put(
                                        "diffs"
                                                + Character.toUpperCase(name.charAt(0))
                                                + name.substring(1),
                                        count));
        return counts;
    }

    private static BooleanSupplier timeLeft(Context context) {
        if (context == null) {
            return () -> true;
        }
        return () -> context.getRemainingTimeInMillis() > RESERVE_MILLIS;
    }
}
