package org.opencrm.core.customer;

import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/** A uniqueness claim: one normalised phone or email belongs to one customer. */
@DynamoDbBean
public class IdentityItem {

    private String identityKey;
    private String customerId;
    private Instant claimedAt;

    static IdentityItem claim(String identityKey, String customerId, Instant at) {
        IdentityItem item = new IdentityItem();
        item.identityKey = identityKey;
        item.customerId = customerId;
        item.claimedAt = at;
        return item;
    }

    @DynamoDbPartitionKey
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

    public Instant getClaimedAt() {
        return claimedAt;
    }

    public void setClaimedAt(Instant claimedAt) {
        this.claimedAt = claimedAt;
    }
}
