package org.opencrm.core.store;

import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/**
 * A stamped item keyed by its id and written under optimistic locking: the Enhanced Client's
 * version extension sets the version on the first write and requires the read one on every write
 * after. A domain record carries version 0 until it is first written; its item then carries no
 * version, so the first write expects none.
 */
public abstract class VersionedItem extends StampedItem {

    private String id;
    private Long version;

    /** The domain record's version: none for a record never written, so its write creates it. */
    protected void versionFrom(long recordVersion) {
        this.version = recordVersion == 0 ? null : recordVersion;
    }

    /** The version for the domain record: 0 for an item not written yet. */
    protected long recordVersion() {
        return version == null ? 0 : version;
    }

    @DynamoDbPartitionKey
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    @DynamoDbVersionAttribute
    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
