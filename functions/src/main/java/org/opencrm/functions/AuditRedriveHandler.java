package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.audit.AuditRedrive;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.argument.StructuredArguments;

/**
 * The audit stream's on-failure queue: each message names a batch the audit function gave up on;
 * its records are read again from the stream and recorded. A message that cannot be done yet
 * (the audit table still refusing) is reported as a batch item failure, so SQS delivers it again
 * after the visibility timeout, and to the queue's DLQ after maxReceiveCount.
 */
public class AuditRedriveHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRedriveHandler.class);

    private final AuditRedrive redrive;

    public AuditRedriveHandler() {
        this(AuditRecovery.redrive(RuntimeEnvironment.current(), AppClock.SHARED));
    }

    AuditRedriveHandler(AuditRedrive redrive) {
        this.redrive = redrive;
        Priming.withEmptyEvent(this, SQSEvent::new);
    }

    /** What one delivery did: the response, and counts for the log line. */
    private record Pass(SQSBatchResponse response, int messages, int recordsWritten) {}

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return Telemetry.observe(
                        WorkUnit.streamBatch("AuditRedrive"),
                        context,
                        () -> pass(event),
                        pass ->
                                WorkOutcome.ofBatch(
                                        pass.messages(),
                                        pass.messages()
                                                - pass.response().getBatchItemFailures().size(),
                                        pass.response().getBatchItemFailures().size()))
                .response();
    }

    private Pass pass(SQSEvent event) {
        List<SQSEvent.SQSMessage> messages =
                event.getRecords() == null ? List.of() : event.getRecords();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        int written = 0;
        for (SQSEvent.SQSMessage message : messages) {
            try {
                written += redrive.redrive(message.getBody()).written();
            } catch (RuntimeException notYet) {
                LOG.warn(
                        "audit re-drive failed; the message will be delivered again",
                        StructuredArguments.entry("messageId", message.getMessageId()),
                        notYet);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new Pass(new SQSBatchResponse(failures), messages.size(), written);
    }
}
