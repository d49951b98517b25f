package org.opencrm.core.anomaly;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.VersionedItem;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/**
 * An {@link Anomaly} in the anomalies table. It carries an entity type, so the audit stream records
 * its raising, every contract joining it and its review. Listed newest first by kind (byKind), by
 * kind and region (byKindRegion) and by kind and team (byKindTeam), one index per row scope that
 * reads them; the sort key is the creation time, so a group extended later keeps its place.
 */
@DynamoDbBean
public class AnomalyItem extends VersionedItem {

    public static final String ENTITY_TYPE = "Anomaly";
    public static final String BY_KIND = "byKind";
    public static final String BY_KIND_REGION = "byKindRegion";
    public static final String BY_KIND_TEAM = "byKindTeam";

    private String anomalyId;
    private String kind;
    private String status;
    private String customerId;
    private String region;
    private String team;
    private String ownerId;
    private List<AnomalyContractItem> contracts;
    private Long totalFen;
    private String windowFrom;
    private String windowTo;
    private Instant createdAt;
    private String decision;
    private String note;
    private String reviewedBy;
    private Instant reviewedAt;
    private String kindKey;
    private String regionKey;
    private String teamKey;
    private String listKey;

    static AnomalyItem from(Anomaly anomaly, WriteStamp stamp) {
        AnomalyItem item = new AnomalyItem();
        item.setId(Keys.anomaly(anomaly.id()));
        // the version read; the versioned extension checks it and writes +1 (a new one: 1)
        item.versionFrom(anomaly.version());
        item.anomalyId = anomaly.id();
        item.kind = anomaly.kind().name();
        item.status = anomaly.status().name();
        item.customerId = anomaly.customerId();
        item.region = anomaly.region();
        item.team = anomaly.team();
        item.ownerId = anomaly.ownerId();
        item.contracts = anomaly.contracts().stream().map(AnomalyContractItem::from).toList();
        item.totalFen = anomaly.totalFen();
        item.windowFrom = anomaly.windowFrom().toString();
        item.windowTo = anomaly.windowTo().toString();
        item.createdAt = anomaly.createdAt();
        item.decision = anomaly.decision() == null ? null : anomaly.decision().name();
        item.note = anomaly.note();
        item.reviewedBy = anomaly.reviewedBy();
        item.reviewedAt = anomaly.reviewedAt();
        item.kindKey = Keys.anomalyKind(item.kind);
        item.regionKey =
                anomaly.region() == null
                        ? null
                        : Keys.anomalyKindRegion(item.kind, anomaly.region());
        item.teamKey =
                anomaly.team() == null ? null : Keys.anomalyKindTeam(item.kind, anomaly.team());
        item.listKey = Keys.listKey(anomaly.createdAt(), anomaly.id());
        item.setAuditEntityId(anomaly.id());
        item.stamp(ENTITY_TYPE, stamp);
        return item;
    }

    Anomaly toAnomaly() {
        return Anomaly.builder()
                .id(anomalyId)
                .kind(AnomalyKind.valueOf(kind))
                .status(AnomalyStatus.valueOf(status))
                .customerId(customerId)
                .region(region)
                .team(team)
                .ownerId(ownerId)
                .contracts(
                        contracts == null
                                ? List.of()
                                : contracts.stream().map(AnomalyContractItem::toContract).toList())
                .totalFen(totalFen == null ? 0 : totalFen)
                .windowFrom(LocalDate.parse(windowFrom))
                .windowTo(LocalDate.parse(windowTo))
                .createdAt(createdAt)
                .updatedAt(getUpdatedAt())
                .decision(decision == null ? null : AnomalyDecision.valueOf(decision))
                .note(note)
                .reviewedBy(reviewedBy)
                .reviewedAt(reviewedAt)
                .version(recordVersion())
                .build();
    }

    public String getAnomalyId() {
        return anomalyId;
    }

    public void setAnomalyId(String anomalyId) {
        this.anomalyId = anomalyId;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getCustomerId() {
        return customerId;
    }

    public void setCustomerId(String customerId) {
        this.customerId = customerId;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getTeam() {
        return team;
    }

    public void setTeam(String team) {
        this.team = team;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(String ownerId) {
        this.ownerId = ownerId;
    }

    public List<AnomalyContractItem> getContracts() {
        return contracts;
    }

    public void setContracts(List<AnomalyContractItem> contracts) {
        this.contracts = contracts;
    }

    public Long getTotalFen() {
        return totalFen;
    }

    public void setTotalFen(Long totalFen) {
        this.totalFen = totalFen;
    }

    public String getWindowFrom() {
        return windowFrom;
    }

    public void setWindowFrom(String windowFrom) {
        this.windowFrom = windowFrom;
    }

    public String getWindowTo() {
        return windowTo;
    }

    public void setWindowTo(String windowTo) {
        this.windowTo = windowTo;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public String getDecision() {
        return decision;
    }

    public void setDecision(String decision) {
        this.decision = decision;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    public String getReviewedBy() {
        return reviewedBy;
    }

    public void setReviewedBy(String reviewedBy) {
        this.reviewedBy = reviewedBy;
    }

    public Instant getReviewedAt() {
        return reviewedAt;
    }

    public void setReviewedAt(Instant reviewedAt) {
        this.reviewedAt = reviewedAt;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_KIND)
    public String getKindKey() {
        return kindKey;
    }

    public void setKindKey(String kindKey) {
        this.kindKey = kindKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_KIND_REGION)
    public String getRegionKey() {
        return regionKey;
    }

    public void setRegionKey(String regionKey) {
        this.regionKey = regionKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_KIND_TEAM)
    public String getTeamKey() {
        return teamKey;
    }

    public void setTeamKey(String teamKey) {
        this.teamKey = teamKey;
    }

    @DynamoDbSecondarySortKey(indexNames = {BY_KIND, BY_KIND_REGION, BY_KIND_TEAM})
    public String getListKey() {
        return listKey;
    }

    public void setListKey(String listKey) {
        this.listKey = listKey;
    }
}
