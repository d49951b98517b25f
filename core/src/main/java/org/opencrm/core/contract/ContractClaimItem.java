package org.opencrm.core.contract;

import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/**
 * A contract's uniqueness claim in the identity table: its number, or the number of a VAT invoice
 * recorded on it. Written once in the same transaction as what it names, never released.
 */
@DynamoDbBean
public class ContractClaimItem {

    private String identityKey;
    private String contractId;
    private String factId;
    private Instant claimedAt;

    static ContractClaimItem of(String identityKey, String contractId, String factId, Instant at) {
        ContractClaimItem item = new ContractClaimItem();
        item.identityKey = identityKey;
        item.contractId = contractId;
        item.factId = factId;
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

    public String getContractId() {
        return contractId;
    }

    public void setContractId(String contractId) {
        this.contractId = contractId;
    }

    /** The fact of an invoice number's claim; null for a contract number's. */
    public String getFactId() {
        return factId;
    }

    public void setFactId(String factId) {
        this.factId = factId;
    }

    public Instant getClaimedAt() {
        return claimedAt;
    }

    public void setClaimedAt(Instant claimedAt) {
        this.claimedAt = claimedAt;
    }
}
