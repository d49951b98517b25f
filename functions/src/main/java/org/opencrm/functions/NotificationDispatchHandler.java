package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.opencrm.core.notify.Dispatcher;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import software.amazon.awssdk.services.dynamodb.model.OperationType;

/** Notifications stream → deliver each new notification to its channels. */
public class NotificationDispatchHandler
        implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final Dispatcher dispatcher;

    public NotificationDispatchHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED).core().dispatcher());
    }

    NotificationDispatchHandler(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
        Priming.withEmptyEvent(this, DynamodbEvent::new);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.process(
                "NotificationDispatchStream",
                event,
                context,
                record -> {
                    if (record.eventName() == OperationType.INSERT) {
                        dispatcher.dispatch(record.dynamodb().keys().get("id").s());
                    }
                });
    }
}
