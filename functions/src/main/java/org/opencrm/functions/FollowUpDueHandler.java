package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import org.opencrm.core.activity.FollowUps;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;

/**
 * Every 5 minutes: tells each activity's actor once that its next follow-up fell due
 * (FOLLOW_UP_DUE); returns how many were due and notified.
 */
public class FollowUpDueHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    private final FollowUps followUps;

    public FollowUpDueHandler() {
        this(
                Services.from(RuntimeEnvironment.current(), AppClock.SHARED)
                        .core()
                        .activities()
                        .followUps());
    }

    FollowUpDueHandler(FollowUps followUps) {
        this.followUps = followUps;
        Priming.scheduled(this, "FollowUpDue");
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent tick, Context context) {
        return Telemetry.observe(
                WorkUnit.scheduleRun("FollowUpDue"),
                context,
                () -> followUps.sweep().counts(),
                WorkOutcome::ofCounts);
    }
}
