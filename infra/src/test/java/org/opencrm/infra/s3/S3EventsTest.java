package org.opencrm.infra.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.template.S3Source;

class S3EventsTest {

    private static final S3Source SOURCE =
            new S3Source(
                    "Fn", "Uploaded", "Files", "files", List.of("s3:ObjectCreated:*"), "up/", "");

    @Test
    void eventKey_isFormEncoded_butKeepsItsSlashes() {
        assertEquals("up/a+b/%E5%90%8D%E5%8D%95.csv", S3Events.eventKey("up/a b/名单.csv"));
    }

    @Test
    void event_carriesOneRecordWithTheObjectAsStored_andTheEventIdAsConfiguration() {
        ObjectCreated created =
                new ObjectCreated("ObjectCreated:Copy", "files", "up/x y.csv", 42, "abc", "0F");

        S3Event event = S3Events.of(created, SOURCE, Instant.parse("2026-11-30T10:00:00Z"));

        S3EventNotificationRecord record = event.getRecords().get(0);
        assertEquals(1, event.getRecords().size());
        assertEquals("ObjectCreated:Copy", record.getEventName());
        assertEquals("aws:s3", record.getEventSource());
        assertEquals("Uploaded", record.getS3().getConfigurationId());
        assertEquals("files", record.getS3().getBucket().getName());
        assertEquals("up/x+y.csv", record.getS3().getObject().getKey());
        assertEquals("up/x y.csv", record.getS3().getObject().getUrlDecodedKey());
        assertEquals(42L, record.getS3().getObject().getSizeAsLong());
        assertEquals("abc", record.getS3().getObject().geteTag());
        assertEquals("0F", record.getS3().getObject().getSequencer());
        assertEquals(
                Instant.parse("2026-11-30T10:00:00Z").toEpochMilli(),
                record.getEventTime().getMillis());
    }
}
