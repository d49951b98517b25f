package org.opencrm.core.consistency;

/** Where one {@code applyConsistencyReport} stands. */
public enum ApplyStatus {
    /** Recorded; no worker has taken a row yet. */
    QUEUED,
    /** Rows taken; the rest continues inline or on the schedule. */
    RUNNING,
    /** Every row walked. */
    DONE,
    /**
     * Given up before the end because its requester may no longer write (deactivated); what was
     * applied stays, and an active admin may apply again.
     */
    STOPPED;

    /** QUEUED or RUNNING: a worker still has rows to walk. */
    public boolean pending() {
        return this == QUEUED || this == RUNNING;
    }
}
