package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.opencrm.core.audit.AuditService;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;

/**
 * Customers, users, configuration, leads and intake streams → one audit row per change, idempotent
 * by stream event id.
 */
public class AuditStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final AuditService audit;

    public AuditStreamHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED).core().audit());
    }

    AuditStreamHandler(AuditService audit) {
        this.audit = audit;
        Priming.withEmptyEvent(this, DynamodbEvent::new);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.process("AuditStream", event, context, audit::record);
    }
}
