package org.opencrm.core.customer;

import java.math.BigDecimal;
import java.time.Instant;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.ScopedItem;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/** Enhanced Client mapping of a customer row; lives only inside the store. */
@DynamoDbBean
public class CustomerItem extends ScopedItem {

    static final String ENTITY_TYPE = "CUSTOMER";
    static final String BY_STAGE = "byStage";
    static final String BY_SERVICE_AGENT = "byServiceAgent";

    private String name;
    private String phone;
    private String email;
    private String wechatId;
    private String stage;
    private String remark;
    private String region;
    private String level;
    private String nationalId;
    private BigDecimal expectedDealAmount;
    private BigDecimal contractAmount;
    private String serviceNotes;
    private String ownerId;
    private String team;
    private String serviceAgentId;
    private Instant createdAt;
    private Boolean archived;
    private String archiveReason;
    private String stageKey;
    private String serviceKey;
    private String listKey;
    private String goldenId;
    private Boolean goldenIdClaimed;
    private java.util.Map<String, String> externalIds;
    private java.util.Map<String, String> fieldStamps;

    static CustomerItem from(Customer customer, WriteStamp stamp) {
        CustomerItem item = new CustomerItem();
        CustomerFields fields = customer.fields();
        item.setId(customer.id());
        // the version the caller read; the versioned extension checks it and writes +1
        item.versionFrom(customer.version());
        item.name = fields.name();
        item.phone = fields.phone();
        item.email = fields.email();
        item.wechatId = fields.wechatId();
        item.stage = fields.stage().name();
        item.remark = fields.remark();
        item.region = fields.region();
        item.level = fields.level() == null ? null : fields.level().name();
        item.nationalId = fields.nationalId();
        item.expectedDealAmount = fields.expectedDealAmount();
        item.contractAmount = fields.contractAmount();
        item.serviceNotes = fields.serviceNotes();
        item.ownerId = customer.ownerId();
        item.team = customer.team();
        item.serviceAgentId = customer.serviceAgentId();
        item.createdAt = customer.createdAt();
        item.archived = customer.archived();
        item.archiveReason = customer.archiveReason();
        item.setOwnerKey(Keys.customerOwner(customer.ownerId(), customer.archived()));
        item.setRegionKey(
                fields.region() == null
                        ? null
                        : Keys.customerRegion(fields.region(), customer.archived(), customer.id()));
        item.stageKey =
                Keys.customerStage(fields.stage().name(), customer.archived(), customer.id());
        item.setAllKey(Keys.customerAll(customer.archived(), customer.id()));
        item.setTeamKey(
                customer.team() == null
                        ? null
                        : Keys.customerTeam(customer.team(), customer.archived()));
        item.serviceKey =
                customer.serviceAgentId() == null
                        ? null
                        : Keys.customerServiceAgent(customer.serviceAgentId(), customer.archived());
        item.listKey = Keys.customerListKey(customer.createdAt(), customer.id());
        item.goldenId = customer.goldenId();
        item.goldenIdClaimed = customer.goldenIdClaimed() ? Boolean.TRUE : null;
        item.externalIds = customer.externalIds().isEmpty() ? null : customer.externalIds();
        item.fieldStamps = stampTexts(customer.fieldStamps());
        item.stamp(ENTITY_TYPE, stamp);
        return item;
    }

    Customer toCustomer() {
        CustomerFields fields =
                CustomerFields.builder()
                        .name(name)
                        .phone(phone)
                        .email(email)
                        .wechatId(wechatId)
                        .stage(CustomerStage.valueOf(stage))
                        .level(level == null ? null : CustomerLevel.valueOf(level))
                        .remark(remark)
                        .region(region)
                        .nationalId(nationalId)
                        .expectedDealAmount(expectedDealAmount)
                        .contractAmount(contractAmount)
                        .serviceNotes(serviceNotes)
                        .build();
        return Customer.builder()
                .id(getId())
                .version(recordVersion())
                .fields(fields)
                .ownerId(ownerId)
                .team(team)
                .serviceAgentId(serviceAgentId)
                .createdAt(createdAt)
                .updatedAt(getUpdatedAt())
                .archived(Boolean.TRUE.equals(archived))
                .archiveReason(archiveReason)
                .goldenId(goldenId)
                .goldenIdClaimed(Boolean.TRUE.equals(goldenIdClaimed))
                .externalIds(externalIds)
                .fieldStamps(stamps(fieldStamps))
                .build();
    }

    private static java.util.Map<String, String> stampTexts(
            java.util.Map<String, SourceStamp> stamps) {
        if (stamps.isEmpty()) {
            return null;
        }
        java.util.Map<String, String> texts = new java.util.TreeMap<>();
        stamps.forEach((field, stamp) -> texts.put(field, stamp.text()));
        return texts;
    }

    private static java.util.Map<String, SourceStamp> stamps(java.util.Map<String, String> texts) {
        java.util.Map<String, SourceStamp> stamps = new java.util.HashMap<>();
        if (texts != null) {
            texts.forEach((field, text) -> stamps.put(field, SourceStamp.parse(text)));
        }
        return stamps;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getWechatId() {
        return wechatId;
    }

    public void setWechatId(String wechatId) {
        this.wechatId = wechatId;
    }

    public String getStage() {
        return stage;
    }

    public void setStage(String stage) {
        this.stage = stage;
    }

    public String getRemark() {
        return remark;
    }

    public void setRemark(String remark) {
        this.remark = remark;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public void setOwnerId(String ownerId) {
        this.ownerId = ownerId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Boolean getArchived() {
        return archived;
    }

    public void setArchived(Boolean archived) {
        this.archived = archived;
    }

    public String getArchiveReason() {
        return archiveReason;
    }

    public void setArchiveReason(String archiveReason) {
        this.archiveReason = archiveReason;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_STAGE)
    public String getStageKey() {
        return stageKey;
    }

    public void setStageKey(String stageKey) {
        this.stageKey = stageKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_SERVICE_AGENT)
    public String getServiceKey() {
        return serviceKey;
    }

    public void setServiceKey(String serviceKey) {
        this.serviceKey = serviceKey;
    }

    public String getLevel() {
        return level;
    }

    public void setLevel(String level) {
        this.level = level;
    }

    public String getNationalId() {
        return nationalId;
    }

    public void setNationalId(String nationalId) {
        this.nationalId = nationalId;
    }

    public BigDecimal getExpectedDealAmount() {
        return expectedDealAmount;
    }

    public void setExpectedDealAmount(BigDecimal expectedDealAmount) {
        this.expectedDealAmount = expectedDealAmount;
    }

    public BigDecimal getContractAmount() {
        return contractAmount;
    }

    public void setContractAmount(BigDecimal contractAmount) {
        this.contractAmount = contractAmount;
    }

    public String getServiceNotes() {
        return serviceNotes;
    }

    public void setServiceNotes(String serviceNotes) {
        this.serviceNotes = serviceNotes;
    }

    public String getTeam() {
        return team;
    }

    public void setTeam(String team) {
        this.team = team;
    }

    public String getServiceAgentId() {
        return serviceAgentId;
    }

    public void setServiceAgentId(String serviceAgentId) {
        this.serviceAgentId = serviceAgentId;
    }

    @DynamoDbSecondarySortKey(
            indexNames = {BY_OWNER, BY_REGION, BY_STAGE, BY_CREATED, BY_TEAM, BY_SERVICE_AGENT})
    public String getListKey() {
        return listKey;
    }

    public void setListKey(String listKey) {
        this.listKey = listKey;
    }

    public String getGoldenId() {
        return goldenId;
    }

    public void setGoldenId(String goldenId) {
        this.goldenId = goldenId;
    }

    public Boolean getGoldenIdClaimed() {
        return goldenIdClaimed;
    }

    public void setGoldenIdClaimed(Boolean goldenIdClaimed) {
        this.goldenIdClaimed = goldenIdClaimed;
    }

    public java.util.Map<String, String> getExternalIds() {
        return externalIds;
    }

    public void setExternalIds(java.util.Map<String, String> externalIds) {
        this.externalIds = externalIds;
    }

    /** Per compared field, {@code SYSTEM@instant} of its last change ({@link SourceStamp}). */
    public java.util.Map<String, String> getFieldStamps() {
        return fieldStamps;
    }

    public void setFieldStamps(java.util.Map<String, String> fieldStamps) {
        this.fieldStamps = fieldStamps;
    }
}
