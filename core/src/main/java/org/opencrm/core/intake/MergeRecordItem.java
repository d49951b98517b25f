package org.opencrm.core.intake;

import java.time.Instant;
import java.util.List;
import org.opencrm.core.store.StampedItem;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/**
 * What one merge took from where: the record as received, the contact that matched, the lead
 * or customer it went into and the fields it contributed. Filed in the audit trail of the record it
 * went into ({@code auditEntityId}), so its owner sees every delivery.
 */
@DynamoDbBean
public class MergeRecordItem extends StampedItem {

    static final String KIND = "MERGE";
    static final String ENTITY_TYPE = "INTAKE_MERGE";

    private String id;
    private String kind;
    private String channel;
    private String raw;
    private String matchedBy;
    private String targetType;
    private String targetId;
    private List<String> contributed;
    private Instant receivedAt;

    static MergeRecordItem of(
            String id,
            String channel,
            String raw,
            IntakeOutcome outcome,
            List<String> contributed,
            WriteStamp stamp) {
        MergeRecordItem item = new MergeRecordItem();
        item.id = id;
        item.kind = KIND;
        item.channel = channel;
        item.raw = raw;
        item.matchedBy = outcome.matchedBy();
        item.targetType = outcome.matchedType();
        item.targetId = outcome.matchedId();
        item.contributed = contributed.isEmpty() ? null : contributed;
        item.receivedAt = stamp.at();
        item.setAuditEntityId(outcome.matchedId());
        item.stamp(ENTITY_TYPE, stamp);
        return item;
    }

    @DynamoDbPartitionKey
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public String getRaw() {
        return raw;
    }

    public void setRaw(String raw) {
        this.raw = raw;
    }

    public String getMatchedBy() {
        return matchedBy;
    }

    public void setMatchedBy(String matchedBy) {
        this.matchedBy = matchedBy;
    }

    public String getTargetType() {
        return targetType;
    }

    public void setTargetType(String targetType) {
        this.targetType = targetType;
    }

    public String getTargetId() {
        return targetId;
    }

    public void setTargetId(String targetId) {
        this.targetId = targetId;
    }

    public List<String> getContributed() {
        return contributed;
    }

    public void setContributed(List<String> contributed) {
        this.contributed = contributed;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public void setReceivedAt(Instant receivedAt) {
        this.receivedAt = receivedAt;
    }
}
