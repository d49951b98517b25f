package org.opencrm.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

class StreamRecordTimesTest {

    private static Record createdAt(Instant stated) {
        return Record.builder()
                .dynamodb(StreamRecord.builder().approximateCreationDateTime(stated).build())
                .build();
    }

    @Test
    void createdAt_takesAwsSecondsAsTheyAre() {
        Instant at = Instant.parse("2026-11-30T12:00:00Z");

        assertEquals(at, StreamRecordTimes.createdAt(createdAt(at)));
    }

    @Test
    void createdAt_readsDynamoDbLocalsMillisecondsAsMilliseconds() {
        long millis = Instant.parse("2026-11-30T12:00:00.123Z").toEpochMilli();
        // the SDK read the milliseconds as seconds: the year 58884
        Instant misread = Instant.ofEpochSecond(millis);

        assertEquals(
                Instant.parse("2026-11-30T12:00:00.123Z"),
                StreamRecordTimes.createdAt(createdAt(misread)));
    }

    @Test
    void createdAt_isNull_whenTheRecordStatesNone() {
        assertNull(StreamRecordTimes.createdAt(Record.builder().build()));
    }
}
