package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import org.opencrm.core.leadwork.LeadWhereabouts;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;

/**
 * Every hour: reports to the admins any open lead that is neither owned by an active user nor in
 * its region's pool; returns the run's figures.
 */
public class LeadWhereaboutsHandler
        implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    private final LeadWhereabouts whereabouts;

    public LeadWhereaboutsHandler() {
        this(
                Services.from(RuntimeEnvironment.current(), AppClock.SHARED)
                        .core()
                        .leadChecks()
                        .whereabouts());
    }

    LeadWhereaboutsHandler(LeadWhereabouts whereabouts) {
        this.whereabouts = whereabouts;
        Priming.scheduled(this, "LeadWhereabouts");
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent tick, Context context) {
        return Telemetry.observe(
                WorkUnit.scheduleRun("LeadWhereabouts"),
                context,
                () -> {
                    LeadWhereabouts.Result result = whereabouts.check();
                    return Map.of("checked", result.checked(), "nowhere", result.nowhere());
                },
                WorkOutcome::ofCounts);
    }
}
