package org.opencrm.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencrm.core.files.ArrivalOutcome;
import org.opencrm.core.files.StoredObject;
import org.opencrm.core.files.UploadArrivals;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.time.AppClock;
import org.opencrm.functions.telemetry.Telemetry;
import org.opencrm.functions.telemetry.WorkOutcome;
import org.opencrm.functions.telemetry.WorkUnit;

/**
 * The files bucket's {@code ObjectCreated} events under {@code uploads/} (template.yaml, {@code
 * FileArrivedFunction}): each object is confirmed against its declared upload and handed to its
 * purpose ({@link UploadArrivals}). S3 invokes asynchronously, so a failure is thrown: Lambda
 * retries the whole event, and every purpose is idempotent. The log line counts objects, bytes and
 * outcomes.
 */
public class FileArrivedHandler implements RequestHandler<S3Event, Map<String, Long>> {

    private final UploadArrivals arrivals;

    public FileArrivedHandler() {
        this(Services.from(RuntimeEnvironment.current(), AppClock.SHARED).core().uploadArrivals());
    }

    FileArrivedHandler(UploadArrivals arrivals) {
        this.arrivals = arrivals;
        Priming.withEmptyEvent(this, () -> new S3Event(List.of()));
    }

    @Override
    public Map<String, Long> handleRequest(S3Event event, Context context) {
        return Telemetry.observe(
                WorkUnit.fileEvents("FileArrived"),
                context,
                () -> arrived(event.getRecords()),
                WorkOutcome::ofCounts);
    }

    private Map<String, Long> arrived(List<S3EventNotificationRecord> records) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("objects", (long) records.size());
        counts.put("bytes", 0L);
        for (S3EventNotificationRecord record : records) {
            StoredObject object = storedObject(record.getS3().getObject());
            counts.merge("bytes", object.size(), Long::sum);
            ArrivalOutcome outcome = arrivals.arrived(object);
            counts.merge(outcome.name().toLowerCase(Locale.ROOT), 1L, Long::sum);
        }
        return counts;
    }

    /** S3 event keys are URL-encoded (a space arrives as {@code +}). */
    private static StoredObject storedObject(S3ObjectEntity object) {
        String key = URLDecoder.decode(object.getKey(), StandardCharsets.UTF_8);
        return new StoredObject(key, object.getSizeAsLong(), object.geteTag());
    }
}
