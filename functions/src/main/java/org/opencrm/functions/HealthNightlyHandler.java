package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.opencrm.core.health.HealthNightly;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;

/**
 * Nightly (issue 17, R-26): rescores every customer and archives the poor, quiet ones, telling
 * their owners. A run that runs out of time keeps its place; the next run (or a fire by hand)
 * continues there.
 */
public class HealthNightlyHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    /** Time kept back from the Lambda's timeout to finish the page in hand. */
    static final long RESERVE_MILLIS = 60_000;

    private final HealthNightly nightly;

    public HealthNightlyHandler() {
        this(
                Services.from(RuntimeEnvironment.current(), AppClock.SHARED)
                        .core()
                        .health()
                        .nightly());
    }

    HealthNightlyHandler(HealthNightly nightly) {
        this.nightly = nightly;
        Priming.scheduled(this, "HealthNightly");
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent tick, Context context) {
        return Telemetry.observe(
                WorkUnit.scheduleRun("HealthNightly"),
                context,
                () -> nightly.run(timeLeft(context)).counts(),
                WorkOutcome::ofCounts);
    }

    private static BooleanSupplier timeLeft(Context context) {
        if (context == null) {
            return () -> true;
        }
        return () -> context.getRemainingTimeInMillis() > RESERVE_MILLIS;
    }
}
