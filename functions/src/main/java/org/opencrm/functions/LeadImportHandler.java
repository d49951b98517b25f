package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.Map;
import org.opencrm.core.intake.LeadImportService;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Intake stream → processes each newly stored CSV import chunk; every other record is not its
 * business.
 */
public class LeadImportHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final String CHUNK_KIND = "IMPORT_CHUNK";
    private final LeadImportService imports;

    public LeadImportHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED).core().imports());
    }

    LeadImportHandler(LeadImportService imports) {
        this.imports = imports;
        Priming.withEmptyEvent(this, DynamodbEvent::new);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return StreamBatch.process("LeadImportStream", event, context, this::onRecord);
    }

    private void onRecord(Record record) {
        if (record.eventName() != OperationType.INSERT || !record.dynamodb().hasNewImage()) {
            return;
        }
        Map<String, AttributeValue> image = record.dynamodb().newImage();
        AttributeValue kind = image.get("kind");
        if (kind == null || !CHUNK_KIND.equals(kind.s())) {
            return;
        }
        imports.processChunk(image.get("id").s());
    }
}
