package org.opencrm.core.store;

/**
 * A conditional write found its item changed since the attempt read it (or a limit it checks
 * reached meanwhile): the attempt starts over under {@link ConflictRetry}. Thrown by attempts whose
 * store answers a lost race as an outcome rather than an exception. Flow control, so no stack
 * trace.
 */
public final class LostRace extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LostRace(String what) {
        super(what, null, false, false);
    }
}
