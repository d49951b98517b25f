package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.opencrm.core.activity.ActivityReactor;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;

/**
 * Activities stream → high-potential marks and keyword auto-moves (issue 15, R-18, R-16); partial
 * batch failures, idempotent under redelivery.
 */
public class ActivityReactorHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final ActivityReactor reactor;

    public ActivityReactorHandler() {
        this(
                Services.from(RuntimeEnvironment.current(), AppClock.SHARED)
                        .core()
                        .activities()
                        .reactor());
    }

    ActivityReactorHandler(ActivityReactor reactor) {
        this.reactor = reactor;
        Priming.withEmptyEvent(this, DynamodbEvent::new);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.process("ActivityReactorStream", event, context, reactor::onRecord);
    }
}
