package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import org.opencrm.core.leadwork.PoolReminders;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;

/**
 * Every minute: reminds the region's team leads of leads waiting in the pool for each configured
 * time, once per stay; returns how many.
 */
public class PoolReminderHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    private final PoolReminders poolReminders;

    public PoolReminderHandler() {
        this(
                Services.from(RuntimeEnvironment.current(), AppClock.SHARED)
                        .core()
                        .leadChecks()
                        .poolReminders());
    }

    PoolReminderHandler(PoolReminders poolReminders) {
        this.poolReminders = poolReminders;
        Priming.scheduled(this, "PoolReminders");
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent tick, Context context) {
        return Telemetry.observe(
                WorkUnit.scheduleRun("PoolReminders"),
                context,
                () -> {
                    int result = poolReminders.sweep();
                    return Map.of("reminded", result);
                },
                WorkOutcome::ofCounts);
    }
}
