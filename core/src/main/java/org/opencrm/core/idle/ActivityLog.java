package org.opencrm.core.idle;

import java.time.Instant;

/**
 * Where work a person did is noted for the idle watch: a logged contact, a deal moved by
 * hand, a logged activity. {@link RepActivity} is the real one.
 */
@FunctionalInterface
public interface ActivityLog {

    /** Notes nothing: for services wired without the idle watch (tests of other things). */
    ActivityLog NONE = (userId, at) -> false;

    /** The user was active at {@code at}; false when nothing changed (an older activity). */
    boolean record(String userId, Instant at);
}
