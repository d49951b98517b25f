package org.opencrm.core.deal;

import java.time.Instant;
import org.opencrm.core.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/**
 * A deal's {@link StageEntry} beside the deal (kind {@code STAGE_ENTRY}, id {@code
 * <dealId>#<stage>}), rewritten with the deal on every move. The funnel reads them by stage (all,
 * region or owner) and first-entered time. A derived row: no entity type, so not audited.
 */
@DynamoDbBean
public class StageEntryItem {

    static final String KIND = "STAGE_ENTRY";
    static final String FUNNEL_BY_STAGE = "funnelByStage";
    static final String FUNNEL_BY_REGION = "funnelByRegion";
    static final String FUNNEL_BY_OWNER = "funnelByOwner";

    private String id;
    private String kind;
    private String dealId;
    private String stage;
    private Instant firstEnteredAt;
    private Long secondsInStage;
    private Boolean left;
    private Boolean advanced;
    private Boolean won;
    private Boolean lostHere;
    private String ownerId;
    private String region;
    private String funnelKey;
    private String funnelRegionKey;
    private String funnelOwnerKey;
    private String enteredKey;

    static StageEntryItem from(StageEntry entry, Deal deal) {
        String stageName = entry.stage().name();
        StageEntryItem item = new StageEntryItem();
        item.id = Keys.stageEntry(entry.dealId(), stageName);
        item.kind = KIND;
        item.dealId = entry.dealId();
        item.stage = stageName;
        item.firstEnteredAt = entry.firstEnteredAt();
        item.secondsInStage = entry.secondsInStage();
        item.left = entry.left();
        item.advanced = entry.advanced();
        item.won = entry.won();
        item.lostHere = entry.lostHere();
        item.ownerId = deal.ownerId();
        item.region = deal.region();
        item.funnelKey = Keys.funnelAll(stageName, entry.dealId());
        item.funnelRegionKey =
                deal.region() == null
                        ? null
                        : Keys.funnelRegion(stageName, deal.region(), entry.dealId());
        item.funnelOwnerKey =
                deal.ownerId() == null ? null : Keys.funnelOwner(stageName, deal.ownerId());
        item.enteredKey = Keys.funnelEnteredAt(entry.firstEnteredAt(), entry.dealId());
        return item;
    }

    StageEntry toEntry() {
        return new StageEntry(
                dealId,
                DealStage.valueOf(stage),
                firstEnteredAt,
                secondsInStage == null ? 0 : secondsInStage,
                Boolean.TRUE.equals(left),
                Boolean.TRUE.equals(advanced),
                Boolean.TRUE.equals(won),
                Boolean.TRUE.equals(lostHere));
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

    public String getStage() {
        return stage;
    }

    public void setStage(String stage) {
        this.stage = stage;
    }

    public Instant getFirstEnteredAt() {
        return firstEnteredAt;
    }

    public void setFirstEnteredAt(Instant firstEnteredAt) {
        this.firstEnteredAt = firstEnteredAt;
    }

    public Long getSecondsInStage() {
        return secondsInStage;
    }

    public void setSecondsInStage(Long secondsInStage) {
        this.secondsInStage = secondsInStage;
    }

    public Boolean getLeft() {
        return left;
    }

    public void setLeft(Boolean left) {
        this.left = left;
    }

    public Boolean getAdvanced() {
        return advanced;
    }

    public void setAdvanced(Boolean advanced) {
        this.advanced = advanced;
    }

    public Boolean getWon() {
        return won;
    }

    public void setWon(Boolean won) {
        this.won = won;
    }

    public Boolean getLostHere() {
        return lostHere;
    }

    public void setLostHere(Boolean lostHere) {
        this.lostHere = lostHere;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(String ownerId) {
        this.ownerId = ownerId;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = FUNNEL_BY_STAGE)
    public String getFunnelKey() {
        return funnelKey;
    }

    public void setFunnelKey(String funnelKey) {
        this.funnelKey = funnelKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = FUNNEL_BY_REGION)
    public String getFunnelRegionKey() {
        return funnelRegionKey;
    }

    public void setFunnelRegionKey(String funnelRegionKey) {
        this.funnelRegionKey = funnelRegionKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = FUNNEL_BY_OWNER)
    public String getFunnelOwnerKey() {
        return funnelOwnerKey;
    }

    public void setFunnelOwnerKey(String funnelOwnerKey) {
        this.funnelOwnerKey = funnelOwnerKey;
    }

    @DynamoDbSecondarySortKey(indexNames = {FUNNEL_BY_STAGE, FUNNEL_BY_REGION, FUNNEL_BY_OWNER})
    public String getEnteredKey() {
        return enteredKey;
    }

    public void setEnteredKey(String enteredKey) {
        this.enteredKey = enteredKey;
    }
}
