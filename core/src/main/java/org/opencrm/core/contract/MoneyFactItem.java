package org.opencrm.core.contract;

import java.time.Instant;
import java.time.LocalDate;
import org.opencrm.core.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/**
 * A {@link MoneyFact} as stored in the contracts table (kind {@code MONEY_FACT}), written once with
 * a condition that it does not exist yet. It carries no entity type: the contract item written in
 * the same transaction holds the running totals and is the audited change.
 *
 * <p>Dates are ISO strings ({@code 2026-11-30}) and amounts whole fen, so the contracts stream's
 * images read back as plain strings and numbers.
 */
@DynamoDbBean
public class MoneyFactItem {

    public static final String KIND = "MONEY_FACT";
    public static final String BY_CONTRACT_FACTS = "byContractFacts";
    public static final String BY_FACT_PERIOD = "byFactPeriod";
    public static final String BY_SIGNING_CUSTOMER = "bySigningCustomer";

    private String id;
    private String kind;
    private String factId;
    private String contractId;
    private String contractNumber;
    private String customerId;
    private String ownerId;
    private String team;
    private String region;
    private String factKind;
    private String caliber;
    private String date;
    private Long amountFen;
    private Long taxFen;
    private Long contractVersion;
    private String reference;
    private Instant recordedAt;
    private String actorId;
    private String contractKey;
    private String contractSortKey;
    private String periodKey;
    private String periodSortKey;
    private String signingKey;
    private String signingSortKey;

    public static MoneyFactItem from(MoneyFact fact) {
        MoneyFactItem item = new MoneyFactItem();
        item.id = Keys.contractFact(fact.factId());
        item.kind = KIND;
        item.factId = fact.factId();
        item.contractId = fact.contractId();
        item.contractNumber = fact.contractNumber();
        item.customerId = fact.customerId();
        item.ownerId = fact.ownerId();
        item.team = fact.team();
        item.region = fact.region();
        item.factKind = fact.kind().name();
        item.caliber = fact.caliber().name();
        item.date = fact.date().toString();
        item.amountFen = fact.amountFen();
        item.taxFen = fact.taxFen();
        item.contractVersion = fact.contractVersion();
        item.reference = fact.reference();
        item.recordedAt = fact.recordedAt();
        item.actorId = fact.actorId();
        item.contractKey = Keys.contractFacts(fact.contractId());
        item.contractSortKey = Keys.contractFactSort(fact.date(), fact.factId());
        item.periodKey = Keys.factPeriod(fact.date().toString().substring(0, 7), fact.factId());
        item.periodSortKey = Keys.factPeriodSort(item.caliber, fact.date(), fact.factId());
        if (fact.caliber() == Caliber.SIGNED) {
            item.signingKey = Keys.signingCustomer(fact.customerId());
            item.signingSortKey = Keys.signingSort(fact.date(), fact.factId());
        }
        return item;
    }

    public MoneyFact toFact() {
        return MoneyFact.builder()
                .factId(factId)
                .contractId(contractId)
                .contractNumber(contractNumber)
                .customerId(customerId)
                .ownerId(ownerId)
                .team(team)
                .region(region)
                .kind(FactKind.valueOf(factKind))
                .date(LocalDate.parse(date))
                .amountFen(amountFen == null ? 0 : amountFen)
                .taxFen(taxFen == null ? 0 : taxFen)
                .contractVersion(contractVersion == null ? 0 : contractVersion)
                .reference(reference)
                .recordedAt(recordedAt)
                .actorId(actorId)
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

    public String getFactId() {
        return factId;
    }

    public void setFactId(String factId) {
        this.factId = factId;
    }

    public String getContractId() {
        return contractId;
    }

    public void setContractId(String contractId) {
        this.contractId = contractId;
    }

    public String getContractNumber() {
        return contractNumber;
    }

    public void setContractNumber(String contractNumber) {
        this.contractNumber = contractNumber;
    }

    public String getCustomerId() {
        return customerId;
    }

    public void setCustomerId(String customerId) {
        this.customerId = customerId;
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

    public String getFactKind() {
        return factKind;
    }

    public void setFactKind(String factKind) {
        this.factKind = factKind;
    }

    public String getCaliber() {
        return caliber;
    }

    public void setCaliber(String caliber) {
        this.caliber = caliber;
    }

    public String getDate() {
        return date;
    }

    public void setDate(String date) {
        this.date = date;
    }

    public Long getAmountFen() {
        return amountFen;
    }

    public void setAmountFen(Long amountFen) {
        this.amountFen = amountFen;
    }

    public Long getTaxFen() {
        return taxFen;
    }

    public void setTaxFen(Long taxFen) {
        this.taxFen = taxFen;
    }

    public Long getContractVersion() {
        return contractVersion;
    }

    public void setContractVersion(Long contractVersion) {
        this.contractVersion = contractVersion;
    }

    public String getReference() {
        return reference;
    }

    public void setReference(String reference) {
        this.reference = reference;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }

    public void setRecordedAt(Instant recordedAt) {
        this.recordedAt = recordedAt;
    }

    public String getActorId() {
        return actorId;
    }

    public void setActorId(String actorId) {
        this.actorId = actorId;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_CONTRACT_FACTS)
    public String getContractKey() {
        return contractKey;
    }

    public void setContractKey(String contractKey) {
        this.contractKey = contractKey;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_CONTRACT_FACTS)
    public String getContractSortKey() {
        return contractSortKey;
    }

    public void setContractSortKey(String contractSortKey) {
        this.contractSortKey = contractSortKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_FACT_PERIOD)
    public String getPeriodKey() {
        return periodKey;
    }

    public void setPeriodKey(String periodKey) {
        this.periodKey = periodKey;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_FACT_PERIOD)
    public String getPeriodSortKey() {
        return periodSortKey;
    }

    public void setPeriodSortKey(String periodSortKey) {
        this.periodSortKey = periodSortKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_SIGNING_CUSTOMER)
    public String getSigningKey() {
        return signingKey;
    }

    public void setSigningKey(String signingKey) {
        this.signingKey = signingKey;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_SIGNING_CUSTOMER)
    public String getSigningSortKey() {
        return signingSortKey;
    }

    public void setSigningSortKey(String signingSortKey) {
        this.signingSortKey = signingSortKey;
    }
}
