package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import org.opencrm.core.report.RevenueReconciler;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;

/**
 * Every night: recomputes the open months' revenue from the facts and reports drift; early
 * in a month, the previous month's caliber-difference report. Returns what it checked and found.
 */
public class RevenueReconcileHandler
        implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    private final RevenueReconciler reconciler;

    public RevenueReconcileHandler() {
        this(
                Services.from(RuntimeEnvironment.current(), AppClock.SHARED)
                        .core()
                        .reports()
                        .reconciler());
    }

    RevenueReconcileHandler(RevenueReconciler reconciler) {
        this.reconciler = reconciler;
        Priming.scheduled(this, "RevenueReconcile");
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent tick, Context context) {
        return Telemetry.observe(
                WorkUnit.scheduleRun("RevenueReconcile"),
                context,
                () -> reconciler.nightly().counts(),
                WorkOutcome::ofCounts);
    }
}
