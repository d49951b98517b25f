package org.opencrm.core.intake;

/** What became of one intake record. */
public enum IntakeStatus {
    /** A new lead was written. */
    ACCEPTED,
    /**
     * An existing lead or customer already held a contact; the record was merged into it or linked
     * with it.
     */
    MERGED,
    /** Stored raw with its reasons, to be fixed and replayed. */
    QUARANTINED
}
