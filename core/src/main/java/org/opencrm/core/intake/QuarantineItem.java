package org.opencrm.core.intake;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.store.JsonText;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.VersionedItem;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/**
 * A quarantined record in the intake table. It is listed per channel (byChannel) while it waits for
 * a fix, and per import in row order (byImport) for the import's error report.
 */
@DynamoDbBean
public class QuarantineItem extends VersionedItem {

    static final String KIND = "QUARANTINE";
    static final String ENTITY_TYPE = "QUARANTINED_RECORD";
    static final String BY_CHANNEL = "byChannel";
    static final String BY_IMPORT = "byImport";
    private static final TypeReference<List<Map<String, Object>>> PROBLEMS =
            new TypeReference<>() {};

    private String kind;
    private String channel;
    private String raw;
    private String reasonsJson;
    private Boolean replayed;
    private Instant receivedAt;
    private String receivedBy;
    private String importId;
    private Long row;
    private String outcomeJson;
    private String quarantineKey;
    private String listKey;
    private String importKey;
    private String rowKey;

    static QuarantineItem from(QuarantinedRecord record, WriteStamp stamp) {
        QuarantineItem item = new QuarantineItem();
        item.setId(record.id());
        item.versionFrom(record.version());
        item.kind = KIND;
        item.channel = record.channel();
        item.raw = record.raw();
        item.reasonsJson =
                JsonText.write(
                        record.reasons().stream().map(QuarantineItem::problemAsMap).toList());
        item.replayed = record.replayed();
        item.receivedAt = record.receivedAt();
        item.receivedBy = record.receivedBy();
        item.importId = record.importId();
        item.row = record.row();
        item.outcomeJson = record.outcome() == null ? null : JsonText.write(record.outcome());
        // waiting records only: a replayed one leaves the channel's list
        item.quarantineKey =
                record.replayed() ? null : Keys.quarantine(record.channel(), record.id());
        item.listKey = Keys.listKey(record.receivedAt(), record.id());
        item.importKey = record.importId();
        item.rowKey = record.row() == null ? null : Keys.importRow(record.row());
        item.stamp(ENTITY_TYPE, stamp);
        return item;
    }

    QuarantinedRecord toRecord() {
        List<FieldProblem> reasons =
                JsonText.read(reasonsJson, PROBLEMS).stream()
                        .map(QuarantineItem::problemOf)
                        .toList();
        IntakeOutcome outcome =
                outcomeJson == null ? null : JsonText.read(outcomeJson, IntakeOutcome.class);
        return QuarantinedRecord.builder()
                .id(getId())
                .version(recordVersion())
                .channel(channel)
                .raw(raw)
                .reasons(reasons)
                .replayed(Boolean.TRUE.equals(replayed))
                .receivedAt(receivedAt)
                .receivedBy(receivedBy)
                .importId(importId)
                .row(row)
                .outcome(outcome)
                .build();
    }

    private static Map<String, Object> problemAsMap(FieldProblem problem) {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("field", problem.field());
        map.put("rule", problem.rule());
        map.put("message", problem.message());
        map.put("limit", problem.limit());
        return map;
    }

    private static FieldProblem problemOf(Map<String, Object> map) {
        return new FieldProblem(
                (String) map.get("field"),
                (String) map.get("rule"),
                (String) map.get("message"),
                map.get("limit"));
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

    public String getReasonsJson() {
        return reasonsJson;
    }

    public void setReasonsJson(String reasonsJson) {
        this.reasonsJson = reasonsJson;
    }

    public Boolean getReplayed() {
        return replayed;
    }

    public void setReplayed(Boolean replayed) {
        this.replayed = replayed;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public void setReceivedAt(Instant receivedAt) {
        this.receivedAt = receivedAt;
    }

    public String getReceivedBy() {
        return receivedBy;
    }

    public void setReceivedBy(String receivedBy) {
        this.receivedBy = receivedBy;
    }

    public String getImportId() {
        return importId;
    }

    public void setImportId(String importId) {
        this.importId = importId;
    }

    public Long getRow() {
        return row;
    }

    public void setRow(Long row) {
        this.row = row;
    }

    public String getOutcomeJson() {
        return outcomeJson;
    }

    public void setOutcomeJson(String outcomeJson) {
        this.outcomeJson = outcomeJson;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_CHANNEL)
    public String getQuarantineKey() {
        return quarantineKey;
    }

    public void setQuarantineKey(String quarantineKey) {
        this.quarantineKey = quarantineKey;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_CHANNEL)
    public String getListKey() {
        return listKey;
    }

    public void setListKey(String listKey) {
        this.listKey = listKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_IMPORT)
    public String getImportKey() {
        return importKey;
    }

    public void setImportKey(String importKey) {
        this.importKey = importKey;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_IMPORT)
    public String getRowKey() {
        return rowKey;
    }

    public void setRowKey(String rowKey) {
        this.rowKey = rowKey;
    }
}
