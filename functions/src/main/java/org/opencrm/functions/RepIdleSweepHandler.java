package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import org.opencrm.core.idle.RepIdleSweep;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;

/**
 * Every hour: tells each idle sales rep's manager once per idle stretch; returns how many
 * reps were reported and how many notifications written.
 */
public class RepIdleSweepHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    private final RepIdleSweep sweep;

    public RepIdleSweepHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED).core().repIdle());
    }

    RepIdleSweepHandler(RepIdleSweep sweep) {
        this.sweep = sweep;
        Priming.scheduled(this, "RepIdleSweep");
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent tick, Context context) {
        return Telemetry.observe(
                WorkUnit.scheduleRun("RepIdleSweep"),
                context,
                () -> sweep.sweep().counts(),
                WorkOutcome::ofCounts);
    }
}
