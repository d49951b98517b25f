package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import org.opencrm.core.leadwork.LeadRecount;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;

/**
 * Every hour: recounts each user's open leads from the owner index and corrects (and reports to the
 * admins) a count that drifted from them; returns the run's figures.
 */
public class LeadRecountHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    private final LeadRecount recount;

    public LeadRecountHandler() {
        this(
                Services.from(RuntimeEnvironment.current(), AppClock.SHARED)
                        .core()
                        .leadChecks()
                        .recount());
    }

    LeadRecountHandler(LeadRecount recount) {
        this.recount = recount;
        Priming.scheduled(this, "LeadRecount");
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent tick, Context context) {
        return Telemetry.observe(
                WorkUnit.scheduleRun("LeadRecount"),
                context,
                () -> {
                    LeadRecount.Result result = recount.run();
                    return Map.of(
                            "checked",
                            result.checked(),
                            "corrected",
                            result.corrected(),
                            "unsettled",
                            result.unsettled());
                },
                WorkOutcome::ofCounts);
    }
}
