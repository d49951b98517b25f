package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import org.opencrm.core.leadwork.EscalationService;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;

/** Every minute: applies the SLA steps that fell due; returns how many. */
public class SlaSweepHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    private final EscalationService escalation;

    public SlaSweepHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED).core().escalation());
    }

    SlaSweepHandler(EscalationService escalation) {
        this.escalation = escalation;
        Priming.scheduled(this, "SlaSweep");
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent tick, Context context) {
        return Telemetry.observe(
                WorkUnit.scheduleRun("SlaSweep"),
                context,
                () -> Map.of("applied", escalation.sweep()),
                WorkOutcome::ofCounts);
    }
}
