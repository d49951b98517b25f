package org.opencrm.core.health;

import java.time.Instant;

/**
 * One kind of work done with a customer that counts as activity: activities, deals, and
 * tickets once they exist (one more source in {@code CoreServices}, nothing else changes).
 */
@FunctionalInterface
public interface TouchSource {

    /**
     * {@code touches} with this source's count since {@code since} added, and its latest touch
     * (whenever it was).
     */
    Touches addTo(Touches touches, String customerId, Instant since);
}
