package org.opencrm.core.deal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.ScopedItem;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/**
 * Enhanced Client mapping of a deal row (kind {@code DEAL}); lives only inside the store. It
 * carries an entity type, so the audit stream files one row per change under the deal's id.
 */
@DynamoDbBean
public class DealItem extends ScopedItem {

    static final String ENTITY_TYPE = "DEAL";
    static final String KIND = "DEAL";
    static final String BY_STAGE = "byStage";
    static final String BY_CUSTOMER = "byCustomer";
    static final String BY_STALE_DUE = "byStaleDue";
    static final String BY_FLAGGED_STALE = "byFlaggedStale";

    private String kind;
    private String customerId;
    private String goldenId;
    private String title;
    private Long amountFen;
    private String expectedCloseDate;
    private Integer grossMarginPercent;
    private String nextStep;
    private String ownerId;
    private String team;
    private String region;
    private String stage;
    private Instant stageEnteredAt;
    private String furthestStage;
    private String lostIn;
    private Map<String, Long> secondsInStage;
    private Integer closeDatePushes;
    private Map<String, String> firstEnteredAt;
    private String lostReasonId;
    private Boolean stale;
    private Instant snoozedUntil;
    private String snoozeReason;
    private Instant createdAt;
    private String stageKey;
    private String customerKey;
    private String listKey;
    private String staleKey;
    private String staleAtKey;
    private String flaggedKey;

    static DealItem from(Deal deal, Pipeline pipeline, WriteStamp stamp) {
        DealItem item = new DealItem();
        item.setId(deal.id());
        // the version the caller read; the versioned extension checks it and writes +1
        item.versionFrom(deal.version());
        item.kind = KIND;
        item.customerId = deal.customerId();
        item.goldenId = deal.goldenId();
        item.title = deal.title();
        item.amountFen = deal.amountFen();
        item.expectedCloseDate =
                deal.expectedCloseDate() == null ? null : deal.expectedCloseDate().toString();
        item.grossMarginPercent = deal.grossMarginPercent();
        item.nextStep = deal.nextStep();
        item.ownerId = deal.ownerId();
        item.team = deal.team();
        item.region = deal.region();
        DealProgress progress = deal.progress();
        item.stage = progress.stage().name();
        item.stageEnteredAt = progress.stageEnteredAt();
        item.furthestStage = progress.furthestStage().name();
        item.lostIn = progress.lostIn() == null ? null : progress.lostIn().name();
        item.secondsInStage = byName(progress.secondsInStage());
        item.closeDatePushes = progress.closeDatePushes();
        Map<String, String> entered = new LinkedHashMap<>();
        progress.firstEnteredAt().forEach((stage, at) -> entered.put(stage.name(), at.toString()));
        item.firstEnteredAt = entered;
        item.lostReasonId = deal.lostReasonId();
        item.stale = deal.stale();
        item.snoozedUntil = deal.snoozedUntil();
        item.snoozeReason = deal.snoozeReason();
        item.createdAt = deal.createdAt();
        item.setOwnerKey(deal.ownerId() == null ? null : Keys.dealOwner(deal.ownerId()));
        item.setTeamKey(deal.team() == null ? null : Keys.dealTeam(deal.team()));
        item.setRegionKey(deal.region() == null ? null : Keys.dealRegion(deal.region(), deal.id()));
        item.setAllKey(Keys.dealAll(deal.id()));
        item.stageKey = Keys.dealStage(progress.stage().name(), deal.id());
        item.customerKey = Keys.dealCustomer(deal.customerId());
        item.listKey = Keys.customerListKey(deal.createdAt(), deal.id());
        // sparse: only deals that can still go stale in this stage are on the sweep's list
        Instant staleAt = deal.staleAt(pipeline);
        boolean due = staleAt != null && !deal.stale();
        item.staleKey = due ? Keys.dealStaleDue(deal.id()) : null;
        item.staleAtKey = due ? Keys.dealStaleAt(staleAt, deal.id()) : null;
        // sparse the other way: only flagged deals, so an org-wide stale list reads only them
        item.flaggedKey = deal.stale() ? Keys.dealFlaggedStale(deal.id()) : null;
        item.stamp(ENTITY_TYPE, stamp);
        return item;
    }

    Deal toDeal() {
        Map<DealStage, Long> seconds = new EnumMap<>(DealStage.class);
        if (secondsInStage != null) {
            secondsInStage.forEach((stage, spent) -> seconds.put(DealStage.valueOf(stage), spent));
        }
        Map<DealStage, Instant> entered = new EnumMap<>(DealStage.class);
        if (firstEnteredAt != null) {
            firstEnteredAt.forEach(
                    (stage, at) -> entered.put(DealStage.valueOf(stage), Instant.parse(at)));
        }
        DealProgress progress =
                new DealProgress(
                        DealStage.valueOf(stage),
                        stageEnteredAt,
                        DealStage.valueOf(furthestStage),
                        lostIn == null ? null : DealStage.valueOf(lostIn),
                        seconds,
                        closeDatePushes == null ? 0 : closeDatePushes,
                        entered);
        return Deal.builder()
                .id(getId())
                .version(recordVersion())
                .customerId(customerId)
                .goldenId(goldenId)
                .title(title)
                .amountFen(amountFen)
                .expectedCloseDate(
                        expectedCloseDate == null ? null : LocalDate.parse(expectedCloseDate))
                .grossMarginPercent(grossMarginPercent)
                .nextStep(nextStep)
                .ownerId(ownerId)
                .team(team)
                .region(region)
                .progress(progress)
                .lostReasonId(lostReasonId)
                .stale(Boolean.TRUE.equals(stale))
                .snoozedUntil(snoozedUntil)
                .snoozeReason(snoozeReason)
                .createdAt(createdAt)
                .updatedAt(getUpdatedAt())
                .build();
    }

    private static Map<String, Long> byName(Map<DealStage, Long> byStage) {
        Map<String, Long> named = new LinkedHashMap<>();
        byStage.forEach((stage, value) -> named.put(stage.name(), value));
        return named;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getCustomerId() {
        return customerId;
    }

    public void setCustomerId(String customerId) {
        this.customerId = customerId;
    }

    public String getGoldenId() {
        return goldenId;
    }

    public void setGoldenId(String goldenId) {
        this.goldenId = goldenId;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public Long getAmountFen() {
        return amountFen;
    }

    public void setAmountFen(Long amountFen) {
        this.amountFen = amountFen;
    }

    public String getExpectedCloseDate() {
        return expectedCloseDate;
    }

    public void setExpectedCloseDate(String expectedCloseDate) {
        this.expectedCloseDate = expectedCloseDate;
    }

    public Integer getGrossMarginPercent() {
        return grossMarginPercent;
    }

    public void setGrossMarginPercent(Integer grossMarginPercent) {
        this.grossMarginPercent = grossMarginPercent;
    }

    public String getNextStep() {
        return nextStep;
    }

    public void setNextStep(String nextStep) {
        this.nextStep = nextStep;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(String ownerId) {
        this.ownerId = ownerId;
    }

    public String getTeam() {
        return team;
    }

    public void setTeam(String team) {
        this.team = team;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getStage() {
        return stage;
    }

    public void setStage(String stage) {
        this.stage = stage;
    }

    public Instant getStageEnteredAt() {
        return stageEnteredAt;
    }

    public void setStageEnteredAt(Instant stageEnteredAt) {
        this.stageEnteredAt = stageEnteredAt;
    }

    public String getFurthestStage() {
        return furthestStage;
    }

    public void setFurthestStage(String furthestStage) {
        this.furthestStage = furthestStage;
    }

    public String getLostIn() {
        return lostIn;
    }

    public void setLostIn(String lostIn) {
        this.lostIn = lostIn;
    }

    public Map<String, Long> getSecondsInStage() {
        return secondsInStage;
    }

    public void setSecondsInStage(Map<String, Long> secondsInStage) {
        this.secondsInStage = secondsInStage;
    }

    public Integer getCloseDatePushes() {
        return closeDatePushes;
    }

    public void setCloseDatePushes(Integer closeDatePushes) {
        this.closeDatePushes = closeDatePushes;
    }

    public Map<String, String> getFirstEnteredAt() {
        return firstEnteredAt;
    }

    public void setFirstEnteredAt(Map<String, String> firstEnteredAt) {
        this.firstEnteredAt = firstEnteredAt;
    }

    public String getLostReasonId() {
        return lostReasonId;
    }

    public void setLostReasonId(String lostReasonId) {
        this.lostReasonId = lostReasonId;
    }

    public Boolean getStale() {
        return stale;
    }

    public void setStale(Boolean stale) {
        this.stale = stale;
    }

    public Instant getSnoozedUntil() {
        return snoozedUntil;
    }

    public void setSnoozedUntil(Instant snoozedUntil) {
        this.snoozedUntil = snoozedUntil;
    }

    public String getSnoozeReason() {
        return snoozeReason;
    }

    public void setSnoozeReason(String snoozeReason) {
        this.snoozeReason = snoozeReason;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_STAGE)
    public String getStageKey() {
        return stageKey;
    }

    public void setStageKey(String stageKey) {
        this.stageKey = stageKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_CUSTOMER)
    public String getCustomerKey() {
        return customerKey;
    }

    public void setCustomerKey(String customerKey) {
        this.customerKey = customerKey;
    }

    @DynamoDbSecondarySortKey(
            indexNames = {
                BY_OWNER,
                BY_TEAM,
                BY_REGION,
                BY_CREATED,
                BY_STAGE,
                BY_CUSTOMER,
                BY_FLAGGED_STALE
            })
    public String getListKey() {
        return listKey;
    }

    public void setListKey(String listKey) {
        this.listKey = listKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_STALE_DUE)
    public String getStaleKey() {
        return staleKey;
    }

    public void setStaleKey(String staleKey) {
        this.staleKey = staleKey;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_STALE_DUE)
    public String getStaleAtKey() {
        return staleAtKey;
    }

    public void setStaleAtKey(String staleAtKey) {
        this.staleAtKey = staleAtKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_FLAGGED_STALE)
    public String getFlaggedKey() {
        return flaggedKey;
    }

    public void setFlaggedKey(String flaggedKey) {
        this.flaggedKey = flaggedKey;
    }
}
