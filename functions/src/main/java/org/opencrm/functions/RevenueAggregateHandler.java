package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.opencrm.core.report.RevenueAggregator;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;

/**
 * Contracts stream → revenue aggregates (issue 16, R-19): each money fact added once to its month's
 * and day's aggregates; partial batch failures, idempotent under redelivery.
 */
public class RevenueAggregateHandler
        implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final RevenueAggregator aggregator;

    public RevenueAggregateHandler() {
        this(
                Services.from(RuntimeEnvironment.current(), AppClock.SHARED)
                        .core()
                        .reports()
                        .aggregator());
    }

    RevenueAggregateHandler(RevenueAggregator aggregator) {
        this.aggregator = aggregator;
        Priming.withEmptyEvent(this, DynamodbEvent::new);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.process("RevenueAggregateStream", event, context, aggregator::onRecord);
    }
}
