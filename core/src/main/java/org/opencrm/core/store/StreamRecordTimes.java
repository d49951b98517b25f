package org.opencrm.core.store;

import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** When a stream record was written, read the same way against AWS and DynamoDB Local. */
public final class StreamRecordTimes {

    /**
     * Epoch seconds beyond this (the year 5138) can only be milliseconds: DynamoDB Local sends
     * {@code ApproximateCreationDateTime} in milliseconds where AWS sends seconds.
     */
    private static final long LARGEST_PLAUSIBLE_SECONDS = 100_000_000_000L;

    private StreamRecordTimes() {}

    /** The record's approximate creation time; null when the record has none. */
    public static Instant createdAt(Record record) {
        Instant stated =
                record.dynamodb() == null ? null : record.dynamodb().approximateCreationDateTime();
        if (stated == null || stated.getEpochSecond() < LARGEST_PLAUSIBLE_SECONDS) {
            return stated;
        }
        return Instant.ofEpochMilli(stated.getEpochSecond());
    }
}
