package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import org.opencrm.core.leadwork.EscalationService;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;

/** Every minute: applies the SLA steps that fell due; returns how many. */
public class SlaSweepHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {

    private final EscalationService escalation;

    public SlaSweepHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED).core().escalation());
    }

    SlaSweepHandler(EscalationService escalation) {
        this.escalation = escalation;
    }

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent tick, Context context) {
        return Map.of("applied", escalation.sweep());
    }
}
