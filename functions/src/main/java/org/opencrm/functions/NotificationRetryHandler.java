package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import org.opencrm.core.notify.Dispatcher;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;

/**
 * Every minute: re-drives the deliveries whose retry fell due, or whose attempt never reported back
 * (R-34).
 */
public class NotificationRetryHandler
        implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    private static final int LIMIT = 500;
    private final Dispatcher dispatcher;

    public NotificationRetryHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED).core().dispatcher());
    }

    NotificationRetryHandler(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
        Priming.scheduled(this, "NotificationRetry");
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent tick, Context context) {
        return Telemetry.observe(
                WorkUnit.scheduleRun("NotificationRetry"),
                context,
                () -> Map.of("redriven", dispatcher.redrive(LIMIT)),
                WorkOutcome::ofCounts);
    }
}
