package org.opencrm.core.store;

import java.time.Instant;
import org.opencrm.core.access.Caller;

/** Who wrote an item, from where and when; stamped on every write for the audit trail. */
public record WriteStamp(String actorId, String requestId, String sourceIp, Instant at) {

    public static WriteStamp of(Caller caller, Instant at) {
        return new WriteStamp(caller.userId(), caller.requestId(), caller.sourceIp(), at);
    }
}
