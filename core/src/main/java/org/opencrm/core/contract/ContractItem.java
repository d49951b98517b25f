package org.opencrm.core.contract;

import java.time.Instant;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.VersionedItem;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/**
 * Enhanced Client mapping of a contract (kind {@code CONTRACT}) in the contracts table; lives only
 * inside the store. It carries an entity type, so the audit stream files one row per change (a
 * status move, each money event's new totals) under the contract's id. Its list keys name their
 * index ({@code contracts...}) because money facts share the table.
 */
@DynamoDbBean
public class ContractItem extends VersionedItem {

    public static final String ENTITY_TYPE = "CONTRACT";
    public static final String KIND = "CONTRACT";
    static final String BY_OWNER = "contractsByOwner";
    static final String BY_TEAM = "contractsByTeam";
    static final String BY_REGION = "contractsByRegion";
    static final String BY_CREATED = "contractsByCreated";
    static final String BY_STATUS = "contractsByStatus";
    static final String BY_CUSTOMER = "contractsByCustomer";

    private String kind;
    private String number;
    private String customerId;
    private String goldenId;
    private String dealId;
    private String ownerId;
    private String team;
    private String region;
    private Long amountFen;
    private Integer taxRateBasisPoints;
    private Instant signedAt;
    private String signedOn;
    private String status;
    private String voidReason;
    private Instant voidedAt;
    private Long signedFen;
    private Long shippedFen;
    private Long invoicedFen;
    private Long collectedFen;
    private Instant createdAt;
    private String ownerKey;
    private String teamKey;
    private String regionKey;
    private String allKey;
    private String statusKey;
    private String customerKey;
    private String listKey;

    static ContractItem from(Contract contract, WriteStamp stamp) {
        ContractItem item = new ContractItem();
        item.setId(contract.id());
        // the version the caller read; the versioned extension checks it and writes +1
        item.versionFrom(contract.version());
        item.kind = KIND;
        item.number = contract.number();
        item.customerId = contract.customerId();
        item.goldenId = contract.goldenId();
        item.dealId = contract.dealId();
        item.ownerId = contract.ownerId();
        item.team = contract.team();
        item.region = contract.region();
        item.amountFen = contract.amountFen();
        item.taxRateBasisPoints = contract.taxRateBasisPoints();
        item.signedAt = contract.signedAt();
        item.signedOn = contract.signedOn() == null ? null : contract.signedOn().toString();
        item.status = contract.status().name();
        item.voidReason = contract.voidReason();
        item.voidedAt = contract.voidedAt();
        ContractTotals totals = contract.totals();
        item.signedFen = totals.signed();
        item.shippedFen = totals.shipped();
        item.invoicedFen = totals.invoiced();
        item.collectedFen = totals.collected();
        item.createdAt = contract.createdAt();
        item.ownerKey = contract.ownerId() == null ? null : Keys.contractOwner(contract.ownerId());
        item.teamKey = contract.team() == null ? null : Keys.contractTeam(contract.team());
        item.regionKey =
                contract.region() == null
                        ? null
                        : Keys.contractRegion(contract.region(), contract.id());
        item.allKey = Keys.contractAll(contract.id());
        item.statusKey = Keys.contractStatus(contract.status().name(), contract.id());
        item.customerKey = Keys.contractCustomer(contract.customerId());
        item.listKey = Keys.customerListKey(contract.createdAt(), contract.id());
        item.stamp(ENTITY_TYPE, stamp);
        return item;
    }

    Contract toContract() {
        return Contract.builder()
                .id(getId())
                .version(recordVersion())
                .number(number)
                .customerId(customerId)
                .goldenId(goldenId)
                .dealId(dealId)
                .ownerId(ownerId)
                .team(team)
                .region(region)
                .amountFen(amountFen == null ? 0 : amountFen)
                .taxRateBasisPoints(taxRateBasisPoints == null ? 0 : taxRateBasisPoints)
                .signedAt(signedAt)
                .status(ContractStatus.valueOf(status))
                .voidReason(voidReason)
                .voidedAt(voidedAt)
                .totals(
                        new ContractTotals(
                                zeroIfNull(signedFen),
                                zeroIfNull(shippedFen),
                                zeroIfNull(invoicedFen),
                                zeroIfNull(collectedFen)))
                .createdAt(createdAt)
                .updatedAt(getUpdatedAt())
                .build();
    }

    private static long zeroIfNull(Long value) {
        return value == null ? 0 : value;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getNumber() {
        return number;
    }

    public void setNumber(String number) {
        this.number = number;
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

    public String getDealId() {
        return dealId;
    }

    public void setDealId(String dealId) {
        this.dealId = dealId;
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

    public Long getAmountFen() {
        return amountFen;
    }

    public void setAmountFen(Long amountFen) {
        this.amountFen = amountFen;
    }

    public Integer getTaxRateBasisPoints() {
        return taxRateBasisPoints;
    }

    public void setTaxRateBasisPoints(Integer taxRateBasisPoints) {
        this.taxRateBasisPoints = taxRateBasisPoints;
    }

    public Instant getSignedAt() {
        return signedAt;
    }

    public void setSignedAt(Instant signedAt) {
        this.signedAt = signedAt;
    }

    public String getSignedOn() {
        return signedOn;
    }

    public void setSignedOn(String signedOn) {
        this.signedOn = signedOn;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getVoidReason() {
        return voidReason;
    }

    public void setVoidReason(String voidReason) {
        this.voidReason = voidReason;
    }

    public Instant getVoidedAt() {
        return voidedAt;
    }

    public void setVoidedAt(Instant voidedAt) {
        this.voidedAt = voidedAt;
    }

    public Long getSignedFen() {
        return signedFen;
    }

    public void setSignedFen(Long signedFen) {
        this.signedFen = signedFen;
    }

    public Long getShippedFen() {
        return shippedFen;
    }

    public void setShippedFen(Long shippedFen) {
        this.shippedFen = shippedFen;
    }

    public Long getInvoicedFen() {
        return invoicedFen;
    }

    public void setInvoicedFen(Long invoicedFen) {
        this.invoicedFen = invoicedFen;
    }

    public Long getCollectedFen() {
        return collectedFen;
    }

    public void setCollectedFen(Long collectedFen) {
        this.collectedFen = collectedFen;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_OWNER)
    public String getOwnerKey() {
        return ownerKey;
    }

    public void setOwnerKey(String ownerKey) {
        this.ownerKey = ownerKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_TEAM)
    public String getTeamKey() {
        return teamKey;
    }

    public void setTeamKey(String teamKey) {
        this.teamKey = teamKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_REGION)
    public String getRegionKey() {
        return regionKey;
    }

    public void setRegionKey(String regionKey) {
        this.regionKey = regionKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_CREATED)
    public String getAllKey() {
        return allKey;
    }

    public void setAllKey(String allKey) {
        this.allKey = allKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_STATUS)
    public String getStatusKey() {
        return statusKey;
    }

    public void setStatusKey(String statusKey) {
        this.statusKey = statusKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_CUSTOMER)
    public String getCustomerKey() {
        return customerKey;
    }

    public void setCustomerKey(String customerKey) {
        this.customerKey = customerKey;
    }

    @DynamoDbSecondarySortKey(
            indexNames = {BY_OWNER, BY_TEAM, BY_REGION, BY_CREATED, BY_STATUS, BY_CUSTOMER})
    public String getListKey() {
        return listKey;
    }

    public void setListKey(String listKey) {
        this.listKey = listKey;
    }
}
