package org.opencrm.core.audit;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Records a batch the audit stream function gave up on, from the on-failure record Lambda sent for
 * it: the records are read again from the stream and each goes through the same idempotent {@link
 * AuditService#record}, so records that did get their row before are not written twice.
 */
public final class AuditRedrive {

    private final AuditStreams streams;
    private final AuditService audit;

    public AuditRedrive(AuditStreams streams, AuditService audit) {
        this.streams = streams;
        this.audit = audit;
    }

    /** What one on-failure record came to. */
    public record Outcome(int records, int written) {}

    /**
     * Throws when the message is not an on-failure record, the stream no longer has the records, or
     * the audit table refuses a row: the message is then to be delivered again.
     */
    public Outcome redrive(String onFailureRecord) {
        StreamBatchInfo info = StreamBatchInfo.parse(onFailureRecord);
        List<Record> records = streams.batch(info);
        if (records.isEmpty()) {
            throw new IllegalStateException(
                    "the stream has no records from "
                            + info.startSequenceNumber()
                            + " in "
                            + info.shardId()
                            + " (trimmed?)");
        }
        int written = 0;
        for (Record record : records) {
            written += audit.record(record) ? 1 : 0;
        }
        return new Outcome(records.size(), written);
    }
}
