package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.opencrm.core.deal.CustomerStageSync;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;

/** Deals stream → the customer's stage, derived from its deals (issue 14). */
public class CustomerStageStreamHandler
        implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final CustomerStageSync stages;

    public CustomerStageStreamHandler() {
        this(
                Services.from(RuntimeEnvironment.current(), AppClock.SHARED)
                        .core()
                        .customerDeals()
                        .stages());
    }

    CustomerStageStreamHandler(CustomerStageSync stages) {
        this.stages = stages;
        Priming.withEmptyEvent(this, DynamodbEvent::new);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.process("CustomerStageStream", event, context, stages::onRecord);
    }
}
