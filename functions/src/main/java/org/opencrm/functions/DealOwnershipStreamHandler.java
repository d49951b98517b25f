package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.opencrm.core.deal.DealsFollowCustomer;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;

/** Customers stream → a customer's open deals follow its owner, team and region (issue 14). */
public class DealOwnershipStreamHandler
        implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final DealsFollowCustomer ownership;

    public DealOwnershipStreamHandler() {
        this(
                Services.from(RuntimeEnvironment.current(), AppClock.SHARED)
                        .core()
                        .customerDeals()
                        .ownership());
    }

    DealOwnershipStreamHandler(DealsFollowCustomer ownership) {
        this.ownership = ownership;
        Priming.withEmptyEvent(this, DynamodbEvent::new);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.process("DealOwnershipStream", event, context, ownership::onRecord);
    }
}
