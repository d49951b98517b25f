package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.opencrm.core.leadwork.LeadReactor;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;

/**
 * Leads stream → assignment of new leads, the unassigned pool, and the notifications of every
 * change (R-11..R-13).
 */
public class LeadAssignmentStreamHandler
        implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final LeadReactor reactor;

    public LeadAssignmentStreamHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED).core().reactor());
    }

    LeadAssignmentStreamHandler(LeadReactor reactor) {
        this.reactor = reactor;
        Priming.withEmptyEvent(this, DynamodbEvent::new);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.process("LeadAssignmentStream", event, context, reactor::onRecord);
    }
}
