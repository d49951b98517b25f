package org.opencrm.core.store;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;

/**
 * A versioned item listed within a caller's row scope: the owner, team, region and org-wide index
 * keys that customers, leads and deals each carry, under the same index names in each of their
 * tables. What each key holds is the item's own rule (see {@link Keys}); each table's sort keys and
 * other indexes stay on the item class.
 */
public abstract class ScopedItem extends VersionedItem {

    public static final String BY_OWNER = "byOwner";
    public static final String BY_TEAM = "byTeam";
    public static final String BY_REGION = "byRegion";
    public static final String BY_CREATED = "byCreated";

    private String ownerKey;
    private String teamKey;
    private String regionKey;
    private String allKey;

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
}
