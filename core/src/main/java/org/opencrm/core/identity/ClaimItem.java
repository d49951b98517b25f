package org.opencrm.core.identity;

import java.time.Instant;
import org.opencrm.core.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/**
 * A uniqueness claim in the identity table, read as a whole: a contact or external id and the
 * customer or lead that holds it. Written in the same transaction as its holder.
 */
@DynamoDbBean
public class ClaimItem {

    /** The identity table's index of one external system's id claims (issue 17, R-09). */
    public static final String BY_SYSTEM = "bySystem";

    private String identityKey;
    private String customerId;
    private String leadId;
    private Instant claimedAt;
    // bySystem's partition, on external id claims only (sparse)
    private String systemKey;

    public static ClaimItem forLead(String identityKey, String leadId, Instant at) {
        ClaimItem item = new ClaimItem();
        item.identityKey = identityKey;
        item.leadId = leadId;
        item.claimedAt = at;
        return item;
    }

    public static ClaimItem forCustomer(String identityKey, String customerId, Instant at) {
        ClaimItem item = new ClaimItem();
        item.identityKey = identityKey;
        item.customerId = customerId;
        item.claimedAt = at;
        item.systemKey = Keys.externalSystemShardOf(identityKey);
        return item;
    }

    @DynamoDbPartitionKey
    @DynamoDbSecondarySortKey(indexNames = BY_SYSTEM)
    public String getIdentityKey() {
        return identityKey;
    }

    public void setIdentityKey(String identityKey) {
        this.identityKey = identityKey;
    }

    public String getCustomerId() {
        return customerId;
    }

    public void setCustomerId(String customerId) {
        this.customerId = customerId;
    }

    public String getLeadId() {
        return leadId;
    }

    public void setLeadId(String leadId) {
        this.leadId = leadId;
    }

    public Instant getClaimedAt() {
        return claimedAt;
    }

    public void setClaimedAt(Instant claimedAt) {
        this.claimedAt = claimedAt;
    }

    @DynamoDbSecondaryPartitionKey(indexNames = BY_SYSTEM)
    public String getSystemKey() {
        return systemKey;
    }

    public void setSystemKey(String systemKey) {
        this.systemKey = systemKey;
    }
}
