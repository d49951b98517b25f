package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;

/**
 * The files bucket's {@code ObjectCreated} events under {@code uploads/} (template.yaml, {@code
 * FileArrivedFunction}): for now it only reports the arrivals on the telemetry log line, as counts
 * of objects and bytes.
 *
 * <p>A later increment of issue 13 confirms the upload here: an attachment exists only once its
 * object arrived with the declared size, and a lead import starts from its object.
 */
public class FileArrivedHandler implements RequestHandler<S3Event, Map<String, Long>> {

    @Override
    public Map<String, Long> handleRequest(S3Event event, Context context) {
        return Telemetry.observe(
                WorkUnit.fileEvents("FileArrived"),
                context,
                () -> arrivals(event.getRecords()),
                WorkOutcome::ofCounts);
    }

    private static Map<String, Long> arrivals(List<S3EventNotificationRecord> records) {
        long bytes =
                records.stream()
                        .mapToLong(record -> record.getS3().getObject().getSizeAsLong())
                        .sum();
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("objects", (long) records.size());
        counts.put("bytes", bytes);
        return counts;
    }
}
