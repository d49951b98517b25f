package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.ticket.TicketSweep;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;

/**
 * Every 5 minutes: escalates each ticket not closed 24 h after opening to its team's service
 * supervisor once, and sends each resolution's satisfaction SMS once 48 h after it; returns how
 * many tickets were escalated and surveyed and how many notifications written.
 */
public class TicketSweepHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    private final TicketSweep sweep;

    public TicketSweepHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED).core().tickets().sweep());
    }

    TicketSweepHandler(TicketSweep sweep) {
        this.sweep = sweep;
        Priming.scheduled(this, "TicketSweep");
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent tick, Context context) {
        return Telemetry.observe(
                WorkUnit.scheduleRun("TicketSweep"),
                context,
                () -> sweep.sweep().counts(),
                WorkOutcome::ofCounts);
    }
}
