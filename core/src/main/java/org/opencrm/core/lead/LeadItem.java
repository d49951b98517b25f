package org.opencrm.core.lead;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.opencrm.core.store.JsonText;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.ScopedItem;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/** Enhanced Client mapping of a lead row; lives only inside the store. */
@DynamoDbBean
public class LeadItem extends ScopedItem {

    static final String ENTITY_TYPE = "LEAD";
    static final String BY_STATUS = "byStatus";
    static final String BY_CHANNEL = "byChannel";
    static final String BY_DUE = "byDue";
    static final String BY_POOL = "byPool";
    static final String BY_POOL_AGE = "byPoolAge";

    /** Sparse: a lead converted into or linked with a customer, by that customer. */
    static final String BY_CUSTOMER = "byCustomer";

    private String channel;
    private String status;
    private String name;
    private String phone;
    private String email;
    private String wechatId;
    private String company;
    private String region;
    private BigDecimal budget;
    private String notes;
    private Integer interactions30d;
    private String nationalId;
    private String extraJson;
    private String raw;
    private List<String> flags;
    private List<String> sources;
    private String ownerId;
    private String team;
    private String customerId;
    private String goldenId;
    private Instant createdAt;
    private Instant lastIntakeAt;
    private String statusKey;
    private String channelKey;
    private String listKey;
    private String assignmentJson;
    private String unassignedReason;
    private Boolean flaggedRed;
    private Integer slaStep;
    private Instant slaDueAt;
    private Instant firstAssignedAt;
    private Instant assignedAt;
    private Instant viewedAt;
    private Instant contactedAt;
    private Double scoreFactor;
    private List<String> excludedOwners;
    private String lastSlaStep;
    private Integer contactCount;
    private String lastContact;
    private String closeReason;
    private String closeNote;
    private String dueKey;
    private String dueSortKey;
    private String poolKey;
    private Instant pooledAt;
    private Integer poolReminders;
    private String poolAgeKey;
    private String poolAgeSortKey;

    static LeadItem from(Lead lead, WriteStamp stamp) {
        LeadItem item = new LeadItem();
        LeadFields fields = lead.fields();
        item.setId(lead.id());
        // the version the caller read; the versioned extension checks it and writes +1
        item.versionFrom(lead.version());
        item.channel = lead.channel();
        item.status = lead.status().name();
        item.name = fields.name();
        item.phone = fields.phone();
        item.email = fields.email();
        item.wechatId = fields.wechatId();
        item.company = fields.company();
        item.region = fields.region();
        item.budget = fields.budget();
        item.notes = fields.notes();
        item.interactions30d = fields.interactions30d();
        item.nationalId = fields.nationalId();
        item.extraJson = lead.extra().isEmpty() ? null : JsonText.write(lead.extra());
        item.raw = lead.raw();
        item.flags = lead.flags().isEmpty() ? null : lead.flags();
        item.sources = lead.sources();
        item.ownerId = lead.ownerId();
        item.team = lead.team();
        item.customerId = lead.customerId();
        item.goldenId = lead.goldenId();
        item.createdAt = lead.createdAt();
        item.lastIntakeAt = lead.lastIntakeAt();
        item.statusKey = Keys.leadStatus(lead.status().name(), lead.id());
        item.setOwnerKey(lead.ownerId());
        item.channelKey = Keys.leadChannel(lead.channel(), lead.id());
        item.setRegionKey(
                fields.region() == null ? null : Keys.leadRegion(fields.region(), lead.id()));
        item.setTeamKey(lead.team() == null ? null : Keys.leadTeam(lead.team()));
        item.setAllKey(Keys.leadAll(lead.id()));
        item.listKey = Keys.listKey(lead.createdAt(), lead.id());
        LeadWork work = lead.work();
        item.assignmentJson = work.assignment() == null ? null : JsonText.write(work.assignment());
        item.unassignedReason = work.unassignedReason();
        item.flaggedRed = work.flaggedRed() ? Boolean.TRUE : null;
        item.slaStep = work.slaStep() == LeadWork.NONE ? null : work.slaStep();
        item.slaDueAt = work.slaDueAt();
        item.firstAssignedAt = work.firstAssignedAt();
        item.assignedAt = work.assignedAt();
        item.viewedAt = work.viewedAt();
        item.contactedAt = work.contactedAt();
        item.scoreFactor = work.scoreFactor() == 1.0 ? null : work.scoreFactor();
        item.excludedOwners = work.excludedOwners().isEmpty() ? null : work.excludedOwners();
        item.lastSlaStep = work.lastSlaStep();
        item.contactCount = work.contactCount() == 0 ? null : work.contactCount();
        item.lastContact = work.lastContact();
        item.closeReason = work.closeReason();
        item.closeNote = work.closeNote();
        // sparse work lists: only a pending SLA step is in byDue, only a pooled lead in byPool
        item.dueKey = work.slaDueAt() == null ? null : Keys.slaDue(lead.id());
        item.dueSortKey = work.slaDueAt() == null ? null : Keys.listKey(work.slaDueAt(), lead.id());
        item.poolKey =
                lead.status() == LeadStatus.UNASSIGNED ? Keys.leadPool(fields.region()) : null;
        poolStay(item, lead, stamp);
        item.stamp(ENTITY_TYPE, stamp);
        return item;
    }

    /**
     * A pooled lead's stay: it begins with the write that puts the lead in the pool (whichever path
     * pools it) and ends with the write that takes it out, so a lead pooled again starts a new stay
     * with its reminders again. The sparse pool-age list holds the stay under the number of
     * reminders already sent, oldest stay first: the reminder sweep reads exactly the leads due for
     * their next reminder (see {@link Keys#poolAge}).
     */
    private static void poolStay(LeadItem item, Lead lead, WriteStamp stamp) {
        if (lead.status() != LeadStatus.UNASSIGNED) {
            return;
        }
        LeadWork work = lead.work();
        item.pooledAt = work.pooledAt() == null ? stamp.at() : work.pooledAt();
        item.poolReminders = work.poolReminders() == 0 ? null : work.poolReminders();
        item.poolAgeKey = Keys.poolAge(work.poolReminders(), lead.id());
        item.poolAgeSortKey = Keys.listKey(item.pooledAt, lead.id());
    }

    Lead toLead() {
        LeadFields fields =
                LeadFields.builder()
                        .name(name)
                        .phone(phone)
                        .email(email)
                        .wechatId(wechatId)
                        .company(company)
                        .region(region)
                        .budget(budget)
                        .notes(notes)
                        .interactions30d(interactions30d)
                        .nationalId(nationalId)
                        .build();
        Map<String, Object> extra = extraJson == null ? Map.of() : JsonText.readObject(extraJson);
        LeadWork work =
                LeadWork.builder()
                        .assignment(
                                assignmentJson == null
                                        ? null
                                        : JsonText.read(
                                                assignmentJson,
                                                org.opencrm.core.lead.Assignment.class))
                        .unassignedReason(unassignedReason)
                        .flaggedRed(Boolean.TRUE.equals(flaggedRed))
                        .slaStep(slaStep == null ? LeadWork.NONE : slaStep)
                        .slaDueAt(slaDueAt)
                        .firstAssignedAt(firstAssignedAt)
                        .assignedAt(assignedAt)
                        .viewedAt(viewedAt)
                        .contactedAt(contactedAt)
                        .scoreFactor(scoreFactor == null ? 1.0 : scoreFactor)
                        .excludedOwners(excludedOwners)
                        .lastSlaStep(lastSlaStep)
                        .contactCount(contactCount == null ? 0 : contactCount)
                        .lastContact(lastContact)
                        .closeReason(closeReason)
                        .closeNote(closeNote)
                        .pooledAt(pooledAt)
                        .poolReminders(poolReminders == null ? 0 : poolReminders)
                        .build();
        return Lead.builder()
                .id(getId())
                .version(recordVersion())
                .channel(channel)
                .status(LeadStatus.valueOf(status))
                .fields(fields)
                .extra(extra)
                .raw(raw)
                .flags(flags)
                .sources(sources)
                .ownerId(ownerId)
                .team(team)
                .customerId(customerId)
                .goldenId(goldenId)
                .createdAt(createdAt)
                .updatedAt(getUpdatedAt())
                .lastIntakeAt(lastIntakeAt)
                .work(work)
                .build();
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

    public String getCompany() {
        return company;
    }

    public void setCompany(String company) {
        this.company = company;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public BigDecimal getBudget() {
        return budget;
    }

    public void setBudget(BigDecimal budget) {
        this.budget = budget;
    }

    public String getNotes() {
        return notes;
    }

    public void setNotes(String notes) {
        this.notes = notes;
    }

    public Integer getInteractions30d() {
        return interactions30d;
    }

    public void setInteractions30d(Integer interactions30d) {
        this.interactions30d = interactions30d;
    }

    public String getNationalId() {
        return nationalId;
    }

    public void setNationalId(String nationalId) {
        this.nationalId = nationalId;
    }

    public String getExtraJson() {
        return extraJson;
    }

    public void setExtraJson(String extraJson) {
        this.extraJson = extraJson;
    }

    public String getRaw() {
        return raw;
    }

    public void setRaw(String raw) {
        this.raw = raw;
    }

    public List<String> getFlags() {
        return flags;
    }

    public void setFlags(List<String> flags) {
        this.flags = flags;
    }

    public List<String> getSources() {
        return sources;
    }

    public void setSources(List<String> sources) {
        this.sources = sources;
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

    @DynamoDbSecondaryPartitionKey(indexNames = BY_CUSTOMER)
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

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getLastIntakeAt() {
        return lastIntakeAt;
    }

    public void setLastIntakeAt(Instant lastIntakeAt) {
        this.lastIntakeAt = lastIntakeAt;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_STATUS)
    public String getStatusKey() {
        return statusKey;
    }

    public void setStatusKey(String statusKey) {
        this.statusKey = statusKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_CHANNEL)
    public String getChannelKey() {
        return channelKey;
    }

    public void setChannelKey(String channelKey) {
        this.channelKey = channelKey;
    }

    @DynamoDbSecondarySortKey(
            indexNames = {
                BY_STATUS,
                BY_OWNER,
                BY_CHANNEL,
                BY_REGION,
                BY_TEAM,
                BY_CREATED,
                BY_POOL,
                BY_CUSTOMER
            })
    public String getListKey() {
        return listKey;
    }

    public void setListKey(String listKey) {
        this.listKey = listKey;
    }

    public String getAssignmentJson() {
        return assignmentJson;
    }

    public void setAssignmentJson(String assignmentJson) {
        this.assignmentJson = assignmentJson;
    }

    public String getUnassignedReason() {
        return unassignedReason;
    }

    public void setUnassignedReason(String unassignedReason) {
        this.unassignedReason = unassignedReason;
    }

    public Boolean getFlaggedRed() {
        return flaggedRed;
    }

    public void setFlaggedRed(Boolean flaggedRed) {
        this.flaggedRed = flaggedRed;
    }

    public Integer getSlaStep() {
        return slaStep;
    }

    public void setSlaStep(Integer slaStep) {
        this.slaStep = slaStep;
    }

    public Instant getSlaDueAt() {
        return slaDueAt;
    }

    public void setSlaDueAt(Instant slaDueAt) {
        this.slaDueAt = slaDueAt;
    }

    public Instant getFirstAssignedAt() {
        return firstAssignedAt;
    }

    public void setFirstAssignedAt(Instant firstAssignedAt) {
        this.firstAssignedAt = firstAssignedAt;
    }

    public Instant getAssignedAt() {
        return assignedAt;
    }

    public void setAssignedAt(Instant assignedAt) {
        this.assignedAt = assignedAt;
    }

    public Instant getViewedAt() {
        return viewedAt;
    }

    public void setViewedAt(Instant viewedAt) {
        this.viewedAt = viewedAt;
    }

    public Instant getContactedAt() {
        return contactedAt;
    }

    public void setContactedAt(Instant contactedAt) {
        this.contactedAt = contactedAt;
    }

    public Double getScoreFactor() {
        return scoreFactor;
    }

    public void setScoreFactor(Double scoreFactor) {
        this.scoreFactor = scoreFactor;
    }

    public List<String> getExcludedOwners() {
        return excludedOwners;
    }

    public void setExcludedOwners(List<String> excludedOwners) {
        this.excludedOwners = excludedOwners;
    }

    public String getLastSlaStep() {
        return lastSlaStep;
    }

    public void setLastSlaStep(String lastSlaStep) {
        this.lastSlaStep = lastSlaStep;
    }

    public Integer getContactCount() {
        return contactCount;
    }

    public void setContactCount(Integer contactCount) {
        this.contactCount = contactCount;
    }

    public String getLastContact() {
        return lastContact;
    }

    public void setLastContact(String lastContact) {
        this.lastContact = lastContact;
    }

    public String getCloseReason() {
        return closeReason;
    }

    public void setCloseReason(String closeReason) {
        this.closeReason = closeReason;
    }

    public String getCloseNote() {
        return closeNote;
    }

    public void setCloseNote(String closeNote) {
        this.closeNote = closeNote;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_DUE)
    public String getDueKey() {
        return dueKey;
    }

    public void setDueKey(String dueKey) {
        this.dueKey = dueKey;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_DUE)
    public String getDueSortKey() {
        return dueSortKey;
    }

    public void setDueSortKey(String dueSortKey) {
        this.dueSortKey = dueSortKey;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_POOL)
    public String getPoolKey() {
        return poolKey;
    }

    public void setPoolKey(String poolKey) {
        this.poolKey = poolKey;
    }

    public Instant getPooledAt() {
        return pooledAt;
    }

    public void setPooledAt(Instant pooledAt) {
        this.pooledAt = pooledAt;
    }

    public Integer getPoolReminders() {
        return poolReminders;
    }

    public void setPoolReminders(Integer poolReminders) {
        this.poolReminders = poolReminders;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_POOL_AGE)
    public String getPoolAgeKey() {
        return poolAgeKey;
    }

    public void setPoolAgeKey(String poolAgeKey) {
        this.poolAgeKey = poolAgeKey;
    }

    @DynamoDbSecondarySortKey(indexNames = BY_POOL_AGE)
    public String getPoolAgeSortKey() {
        return poolAgeSortKey;
    }

    public void setPoolAgeSortKey(String poolAgeSortKey) {
        this.poolAgeSortKey = poolAgeSortKey;
    }
}
