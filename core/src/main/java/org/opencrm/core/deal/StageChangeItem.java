package org.opencrm.core.deal;

import java.time.Instant;
import org.opencrm.core.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/**
 * One stage-history row beside its deal (kind {@code STAGE_CHANGE}). A derived row: it carries no
 * entity type, so the audit stream leaves it out of the deal's trail (the deal's own change row
 * already shows the move).
 */
@DynamoDbBean
public class StageChangeItem {

    static final String KIND = "STAGE_CHANGE";
    static final String BY_DEAL_HISTORY = "byDealHistory";

    private String id;
    private String kind;
    private String dealId;
    private String fromStage;
    private String toStage;
    private Instant at;
    private String actorId;
    private String source;
    private String reason;
    private Long secondsInStage;
    private String historyKey;
    private String historySortKey;

    /** The row of the move that wrote deal version {@code dealVersion}. */
    static StageChangeItem from(String dealId, long dealVersion, StageChange change) {
        StageChangeItem item = new StageChangeItem();
        item.id = Keys.dealHistoryRow(dealId, dealVersion);
        item.kind = KIND;
        item.dealId = dealId;
        item.fromStage = change.from().name();
        item.toStage = change.to().name();
        item.at = change.at();
        item.actorId = change.actorId();
        item.source = change.source();
        item.reason = change.reason();
        item.secondsInStage = change.secondsInStage();
        item.historyKey = Keys.dealHistory(dealId);
        item.historySortKey = Keys.dealHistorySort(change.at(), dealVersion);
        return item;
    }

    StageChange toChange() {
        return new StageChange(
                DealStage.valueOf(fromStage),
                DealStage.valueOf(toStage),
                at,
                actorId,
                source,
                reason,
                secondsInStage == null ? 0 : secondsInStage);
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

    public String getDealId() {
        return dealId;
    }

    public void setDealId(String dealId) {
        this.dealId = dealId;
    }

    public String getFromStage() {
        return fromStage;
    }

    public void setFromStage(String fromStage) {
        this.fromStage = fromStage;
    }

    public String getToStage() {
        return toStage;
    }

    public void setToStage(String toStage) {
        this.toStage = toStage;
    }

    public Instant getAt() {
        return at;
    }

    public void setAt(Instant at) {
        this.at = at;
    }

    public String getActorId() {
        return actorId;
    }

    public void setActorId(String actorId) {
        this.actorId = actorId;
    }

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public Long getSecondsInStage() {
        return secondsInStage;
    }

    public void setSecondsInStage(Long secondsInStage) {
        this.secondsInStage = secondsInStage;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_DEAL_HISTORY)
    public String getHistoryKey() {
        return historyKey;
    }

    public void setHistoryKey(String historyKey) {
        this.historyKey = historyKey;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_DEAL_HISTORY)
    public String getHistorySortKey() {
        return historySortKey;
    }

    public void setHistorySortKey(String historySortKey) {
        this.historySortKey = historySortKey;
    }
}
