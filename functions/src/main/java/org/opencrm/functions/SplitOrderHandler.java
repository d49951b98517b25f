package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.opencrm.core.anomaly.SplitOrderReactor;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;

/**
 * Contracts stream → split-order anomalies (issue 16, R-22); partial batch failures, idempotent
 * under redelivery.
 */
public class SplitOrderHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final SplitOrderReactor reactor;

    public SplitOrderHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED).core().splitOrders());
    }

    SplitOrderHandler(SplitOrderReactor reactor) {
        this.reactor = reactor;
        Priming.withEmptyEvent(this, DynamodbEvent::new);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.process("SplitOrderStream", event, context, reactor::onRecord);
    }
}
