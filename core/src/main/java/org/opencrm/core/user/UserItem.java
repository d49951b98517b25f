package org.opencrm.core.user;

import java.time.Instant;
import org.opencrm.core.access.Role;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.VersionedItem;
import org.opencrm.core.store.WriteStamp;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/** Enhanced Client mapping of a user row; lives only inside the store. */
@DynamoDbBean
public class UserItem extends VersionedItem {

    static final String ENTITY_TYPE = "USER";
    static final String BY_ORG = "byOrg";
    static final String BY_TEAM = "byTeam";
    static final String BY_REGION = "byRegion";

    private String name;
    private String email;
    private String role;
    private String region;
    private String team;
    private String managerId;
    private String status;
    private String statusReason;
    private Double decay;
    private Integer capacity;
    private String handoverTo;
    private Instant createdAt;
    private String orgKey;
    private String teamKey;
    private String regionKey;
    private String nameKey;

    static UserItem from(User user, WriteStamp stamp) {
        UserItem item = new UserItem();
        item.setId(user.id());
        // the version the caller read; the versioned extension checks it and writes +1
        item.versionFrom(user.version());
        item.name = user.name();
        item.email = user.email();
        item.role = user.role().name();
        item.region = user.region();
        item.team = user.team();
        item.managerId = user.managerId();
        item.status = user.status().name();
        item.statusReason = user.statusReason();
        item.decay = user.decay();
        item.capacity = user.capacity();
        item.handoverTo = user.handoverTo();
        item.createdAt = user.createdAt();
        item.orgKey = Keys.userOrg();
        item.teamKey = user.team() == null ? null : Keys.userTeam(user.team());
        item.regionKey = user.region() == null ? null : Keys.userRegion(user.region());
        item.nameKey = Keys.userName(user.name(), user.id());
        item.stamp(ENTITY_TYPE, stamp);
        return item;
    }

    User toUser() {
        return User.builder()
                .id(getId())
                .version(recordVersion())
                .name(name)
                .email(email)
                .role(Role.valueOf(role))
                .region(region)
                .team(team)
                .managerId(managerId)
                .status(UserStatus.valueOf(status))
                .statusReason(statusReason)
                .decay(decay)
                .capacity(capacity)
                .handoverTo(handoverTo)
                .createdAt(createdAt)
                .updatedAt(getUpdatedAt())
                .build();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
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

    public String getManagerId() {
        return managerId;
    }

    public void setManagerId(String managerId) {
        this.managerId = managerId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getStatusReason() {
        return statusReason;
    }

    public void setStatusReason(String statusReason) {
        this.statusReason = statusReason;
    }

    public Double getDecay() {
        return decay;
    }

    public void setDecay(Double decay) {
        this.decay = decay;
    }

    public Integer getCapacity() {
        return capacity;
    }

    public void setCapacity(Integer capacity) {
        this.capacity = capacity;
    }

    public String getHandoverTo() {
        return handoverTo;
    }

    public void setHandoverTo(String handoverTo) {
        this.handoverTo = handoverTo;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_ORG)
    public String getOrgKey() {
        return orgKey;
    }

    public void setOrgKey(String orgKey) {
        this.orgKey = orgKey;
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

    @DynamoDbSecondarySortKey(indexNames = {BY_ORG, BY_TEAM, BY_REGION})
    public String getNameKey() {
        return nameKey;
    }

    public void setNameKey(String nameKey) {
        this.nameKey = nameKey;
    }
}
