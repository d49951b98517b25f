package org.opencrm.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.testing.LocalDynamo;

/** The arrival handler over the real embedded engine, with no upload declared for its keys. */
class FileArrivedHandlerTest {

    private final FileArrivedHandler handler =
            new FileArrivedHandler(
                    LocalDynamo.shared().services(Clock.systemUTC()).uploadArrivals());

    private static S3EventNotificationRecord created(String key, long size) {
        S3Entity s3 =
                new S3Entity(
                        "Uploaded",
                        new S3BucketEntity("files", null, "arn:aws:s3:::files"),
                        new S3ObjectEntity(key, size, "etag", null, "0A1B"),
                        "1.0");
        return new S3EventNotificationRecord(
                "cn-north-1",
                "ObjectCreated:Put",
                "aws:s3",
                "2026-11-30T10:00:00.000Z",
                "2.1",
                null,
                null,
                s3,
                null);
    }

    @Test
    void objectsNoUploadDeclared_areCountedUndeclared_onTheWorkLine() {
        // GIVEN two objects of 5 and 7 bytes no createUpload declared, one not even an upload key
        S3Event event =
                new S3Event(
                        List.of(
                                created("uploads/attachment/no-such-upload", 5),
                                created("tmp/b", 7)));

        // WHEN the handler runs
        ConsoleLines<Map<String, Long>> console =
                ConsoleLines.during(() -> handler.handleRequest(event, null));

        // THEN it answers and logs two objects of twelve bytes, both undeclared
        assertEquals(Map.of("objects", 2L, "bytes", 12L, "undeclared", 2L), console.result());
        JsonNode line = console.workLine();
        assertEquals("files", line.get("kind").asText());
        assertEquals("FileArrived", line.get("operation").asText());
        assertEquals(2, line.get("objects").asLong());
        assertEquals(12, line.get("bytes").asLong());
        assertEquals(2, line.get("undeclared").asLong());
    }
}
