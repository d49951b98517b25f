package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import org.opencrm.core.deal.StaleDeals;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;

/**
 * Every hour: flags the deals past their stage's stale-after days and tells each owner's manager
 * once per stage entry; returns how many were flagged and notified.
 */
public class DealStaleSweepHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    private final StaleDeals staleDeals;

    public DealStaleSweepHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED).core().staleDeals());
    }

    DealStaleSweepHandler(StaleDeals staleDeals) {
        this.staleDeals = staleDeals;
        Priming.scheduled(this, "DealStaleSweep");
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent tick, Context context) {
        return Telemetry.observe(
                WorkUnit.scheduleRun("DealStaleSweep"),
                context,
                () -> staleDeals.sweep().counts(),
                WorkOutcome::ofCounts);
    }
}
