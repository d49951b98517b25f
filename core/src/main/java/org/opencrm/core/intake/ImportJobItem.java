package org.opencrm.core.intake;

import java.time.Instant;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.store.StampedItem;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/** An import job in the intake table; its counters are only ever raised with atomic ADDs. */
@DynamoDbBean
public class ImportJobItem extends StampedItem {

    static final String KIND = "IMPORT";
    static final String ENTITY_TYPE = "LEAD_IMPORT";

    private String id;
    private String kind;
    private String channel;
    private String status;
    private Long total;
    private Long processed;
    private Long accepted;
    private Long merged;
    private Long quarantined;
    private Integer chunks;
    private Integer chunksDone;
    private String createdBy;
    private Instant createdAt;
    private Instant finishedAt;
    private String failureField;
    private String failureRule;
    private String failureMessage;
    private Long failureLimit;

    static ImportJobItem from(LeadImport job, WriteStamp stamp) {
        ImportJobItem item = new ImportJobItem();
        item.id = job.id();
        item.kind = KIND;
        item.channel = job.channel();
        item.status = job.status().name();
        item.total = job.total();
        item.processed = job.processed();
        item.accepted = job.accepted();
        item.merged = job.merged();
        item.quarantined = job.quarantined();
        item.chunks = job.chunks();
        item.chunksDone = job.chunksDone();
        item.createdBy = job.createdBy();
        item.createdAt = job.createdAt();
        item.finishedAt = job.finishedAt();
        FieldProblem failure = job.failure();
        if (failure != null) {
            item.failureField = failure.field();
            item.failureRule = failure.rule();
            item.failureMessage = failure.message();
            // only a numeric limit (a row count, a size) is kept: the others are in the message
            item.failureLimit = failure.limit() instanceof Number limit ? limit.longValue() : null;
        }
        item.stamp(ENTITY_TYPE, stamp);
        return item;
    }

    LeadImport toImport() {
        return LeadImport.builder()
                .id(id)
                .channel(channel)
                .status(LeadImport.ImportStatus.valueOf(status))
                .total(total)
                .processed(processed)
                .accepted(accepted)
                .merged(merged)
                .quarantined(quarantined)
                .chunks(chunks)
                .chunksDone(chunksDone)
                .createdBy(createdBy)
                .createdAt(createdAt)
                .finishedAt(finishedAt)
                .failure(
                        failureRule == null
                                ? null
                                : new FieldProblem(
                                        failureField, failureRule, failureMessage, failureLimit))
                .build();
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

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public Long getTotal() {
        return total;
    }

    public void setTotal(Long total) {
        this.total = total;
    }

    public Long getProcessed() {
        return processed;
    }

    public void setProcessed(Long processed) {
        this.processed = processed;
    }

    public Long getAccepted() {
        return accepted;
    }

    public void setAccepted(Long accepted) {
        this.accepted = accepted;
    }

    public Long getMerged() {
        return merged;
    }

    public void setMerged(Long merged) {
        this.merged = merged;
    }

    public Long getQuarantined() {
        return quarantined;
    }

    public void setQuarantined(Long quarantined) {
        this.quarantined = quarantined;
    }

    public Integer getChunks() {
        return chunks;
    }

    public void setChunks(Integer chunks) {
        this.chunks = chunks;
    }

    public Integer getChunksDone() {
        return chunksDone;
    }

    public void setChunksDone(Integer chunksDone) {
        this.chunksDone = chunksDone;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(String createdBy) {
        this.createdBy = createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(Instant finishedAt) {
        this.finishedAt = finishedAt;
    }

    public String getFailureField() {
        return failureField;
    }

    public void setFailureField(String failureField) {
        this.failureField = failureField;
    }

    public String getFailureRule() {
        return failureRule;
    }

    public void setFailureRule(String failureRule) {
        this.failureRule = failureRule;
    }

    public String getFailureMessage() {
        return failureMessage;
    }

    public void setFailureMessage(String failureMessage) {
        this.failureMessage = failureMessage;
    }

    public Long getFailureLimit() {
        return failureLimit;
    }

    public void setFailureLimit(Long failureLimit) {
        this.failureLimit = failureLimit;
    }
}
