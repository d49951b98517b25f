package org.opencrm.core.financesync;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/**
 * Enhanced Client mapping of a customer's latest-push pointer in the counters table; lives only
 * inside {@link LatestPushStore}.
 */
@DynamoDbBean
public class LatestPushItem {

    private String counterKey;
    private String customerId;
    private String pushId;
    private Long signedVersion;

    @DynamoDbPartitionKey
    public String getCounterKey() {
        return counterKey;
    }

    public void setCounterKey(String counterKey) {
        this.counterKey = counterKey;
    }

    public String getCustomerId() {
        return customerId;
    }

    public void setCustomerId(String customerId) {
        this.customerId = customerId;
    }

    public String getPushId() {
        return pushId;
    }

    public void setPushId(String pushId) {
        this.pushId = pushId;
    }

    public Long getSignedVersion() {
        return signedVersion;
    }

    public void setSignedVersion(Long signedVersion) {
        this.signedVersion = signedVersion;
    }
}
