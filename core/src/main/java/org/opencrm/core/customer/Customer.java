package org.opencrm.core.customer;

import java.time.Instant;
import java.util.Objects;

/**
 * A customer as the domain sees it. Contact fields are stored normalised: phone in E.164,
 * email lower-cased.
 */
public record Customer(
        String id,
        long version,
        CustomerFields fields,
        String ownerId,
        Instant createdAt,
        Instant updatedAt,
        boolean archived,
        String archiveReason) {

    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public Customer withFields(CustomerFields changed, Instant at) {
        return new Customer(id, version, changed, ownerId, createdAt, at, archived, archiveReason);
    }

    public Customer withArchived(boolean nowArchived, String reason, Instant at) {
        return new Customer(id, version, fields, ownerId, createdAt, at, nowArchived, reason);
    }
}
