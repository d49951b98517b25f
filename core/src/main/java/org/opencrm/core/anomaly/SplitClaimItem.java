package org.opencrm.core.anomaly;

import java.time.Instant;
import org.opencrm.core.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/**
 * A signed contract's place in a split-order group: written once (condition: not there yet) in the
 * same transaction as the anomaly it points to, so a contract belongs to at most one group. Working
 * data, not audited: it carries no entity type.
 */
@DynamoDbBean
public class SplitClaimItem {

    private String id;
    private String contractId;
    private String anomalyId;
    private Instant claimedAt;

    static SplitClaimItem of(String contractId, String anomalyId, Instant at) {
        SplitClaimItem item = new SplitClaimItem();
        item.id = Keys.splitOrderClaim(contractId);
        item.contractId = contractId;
        item.anomalyId = anomalyId;
        item.claimedAt = at;
        return item;
    }

    @DynamoDbPartitionKey
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getContractId() {
        return contractId;
    }

    public void setContractId(String contractId) {
        this.contractId = contractId;
    }

    public String getAnomalyId() {
        return anomalyId;
    }

    public void setAnomalyId(String anomalyId) {
        this.anomalyId = anomalyId;
    }

    public Instant getClaimedAt() {
        return claimedAt;
    }

    public void setClaimedAt(Instant claimedAt) {
        this.claimedAt = claimedAt;
    }
}
