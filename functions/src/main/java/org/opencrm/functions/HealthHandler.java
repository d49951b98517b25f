package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.opencrm.core.health.HealthReactor;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;

/**
 * Customers, activities and deals streams → each named customer's health recomputed (issue 17,
 * R-26); partial batch failures, idempotent under redelivery.
 */
public class HealthHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final HealthReactor reactor;

    public HealthHandler() {
        this(
                Services.from(RuntimeEnvironment.current(), AppClock.SHARED)
                        .core()
                        .health()
                        .reactor());
    }

    HealthHandler(HealthReactor reactor) {
        this.reactor = reactor;
        Priming.withEmptyEvent(this, DynamodbEvent::new);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.process("HealthStream", event, context, reactor::onRecord);
    }
}
