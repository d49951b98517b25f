package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.opencrm.core.financesync.FinanceSync;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;

/** Customers stream → a signed customer's push to finance, through the outbox. */
public class FinanceSyncStreamHandler
        implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final FinanceSync financeSync;

    public FinanceSyncStreamHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED).core().financeSync());
    }

    FinanceSyncStreamHandler(FinanceSync financeSync) {
        this.financeSync = financeSync;
        Priming.withEmptyEvent(this, DynamodbEvent::new);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.process("FinanceSyncStream", event, context, financeSync::onRecord);
    }
}
