package org.opencrm.core.audit;

import java.time.Clock;
import org.opencrm.core.store.Page;
import org.opencrm.core.store.PageRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** Records changes from table streams and reads the trail back. */
public final class AuditService {

    private final AuditStore store;
    private final Clock clock;

    public AuditService(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Idempotent: a record delivered twice is written once. */
    public boolean record(Record streamRecord) {
        return store.append(AuditRules.entryFor(streamRecord, clock.instant()));
    }

    public Page<AuditEntry> trail(String entityId, PageRequest page) {
        return store.trail(entityId, page);
    }
}
