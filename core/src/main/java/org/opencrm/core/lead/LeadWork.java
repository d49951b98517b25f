package org.opencrm.core.lead;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.List;

/**
 * How a lead is being worked (R-11..R-14): the last assignment with its explanation, the SLA
 * ladder's position, and the rep's first view and contact.
 *
 * @param slaStep the next SLA step due: {@link #VIEW}, {@link #CONTACT}, {@link #WAKE}, or {@link
 *     #DONE} / {@link #NONE}
 * @param slaDueAt when that step falls due; null when none is pending (the sweep's index is sparse)
 * @param firstAssignedAt the SLA clock starts here and is not reset by reassignment
 * @param scoreFactor 1.0, or less after a red flag cut the lead's weight
 * @param excludedOwners reps who missed this lead's SLA and may not get it again
 * @param lastSlaStep what the last applied step did and why, for the audit trail
 * @param closeReason why a DISQUALIFIED lead was closed: a reason id of {@code
 *     leadDisqualifyReasons}
 * @param closeNote the closer's words on it, if any
 * @param pooledAt when the lead's current stay in its region's pool began; null when it is not
 *     pooled (kept by the store: the write that pools a lead starts the stay)
 * @param poolReminders how many pool-age reminders this stay has sent (0 on entering the pool)
 */
@RecordBuilder
public record LeadWork(
        Assignment assignment,
        String unassignedReason,
        boolean flaggedRed,
        int slaStep,
        Instant slaDueAt,
        Instant firstAssignedAt,
        Instant assignedAt,
        Instant viewedAt,
        Instant contactedAt,
        @RecordBuilder.Initializer("FULL_SCORE_FACTOR") double scoreFactor,
        List<String> excludedOwners,
        String lastSlaStep,
        int contactCount,
        String lastContact,
        String closeReason,
        String closeNote,
        Instant pooledAt,
        int poolReminders) {

    public static final int NONE = 0;
    public static final int VIEW = 1;
    public static final int CONTACT = 2;
    public static final int WAKE = 3;
    public static final int DONE = 4;

    /** A lead's weight before any red flag cut it; a builder's score factor starts here. */
    public static final double FULL_SCORE_FACTOR = 1.0;

    public static final LeadWork NEW =
            LeadWork.builder()
                    .flaggedRed(false)
                    .slaStep(NONE)
                    .scoreFactor(1.0)
                    .excludedOwners(List.of())
                    .contactCount(0)
                    .build();

    public LeadWork {
        excludedOwners = excludedOwners == null ? List.of() : List.copyOf(excludedOwners);
    }

    public LeadWork assigned(Assignment decision, Instant at, Instant firstDue) {
        boolean first = firstAssignedAt == null;
        // a lead back from the pool (its clock stopped there) gives its new owner the first
        // window before the ladder's pending step is checked again
        boolean clockStopped = slaDueAt == null && slaStep != NONE && slaStep != DONE;
        // a new assignment clears the unassigned reason and the previous owner's view and contact
        return toBuilder()
                .assignment(decision)
                .unassignedReason(null)
                .slaStep(first ? VIEW : slaStep)
                .slaDueAt(first || clockStopped ? firstDue : slaDueAt)
                .firstAssignedAt(first ? at : firstAssignedAt)
                .assignedAt(at)
                .viewedAt(null)
                .contactedAt(null)
                .build();
    }

    /**
     * Pooled: nobody owns the lead, so no SLA clock runs on it (it leaves the sparse due index);
     * the next assignment starts it again.
     */
    public LeadWork unassigned(Assignment decision) {
        return toBuilder()
                .assignment(decision)
                .unassignedReason(decision.reason())
                .slaDueAt(null)
                .build();
    }

    public LeadWork viewed(Instant at) {
        return toBuilder().viewedAt(viewedAt == null ? at : viewedAt).build();
    }

    public LeadWork contacted(Instant at, String contact) {
        return toBuilder()
                .viewedAt(viewedAt == null ? at : viewedAt)
                .contactedAt(contactedAt == null ? at : contactedAt)
                .contactCount(contactCount + 1)
                .lastContact(contact)
                .build();
    }

    /**
     * The step applied: the ladder moves on to {@code next}, due at {@code nextDue} (null when the
     * ladder is done).
     */
    public LeadWork stepped(int next, Instant nextDue, String what) {
        return toBuilder().slaStep(next).slaDueAt(nextDue).lastSlaStep(what).build();
    }

    /**
     * The lead closed (converted or disqualified): no SLA step is pending, so it leaves the due
     * index, and it waits in no pool.
     */
    public LeadWork closed(String reason, String note) {
        return toBuilder()
                .unassignedReason(null)
                .slaStep(slaStep == NONE ? NONE : DONE)
                .slaDueAt(null)
                .closeReason(reason)
                .closeNote(note)
                .build();
    }

    /** A pool-age reminder sent: this stay has now sent {@code sent} of them. */
    public LeadWork reminded(int sent) {
        return toBuilder().poolReminders(sent).build();
    }

    /** Flagged red: the weight cut, the owner excluded from getting it back. */
    public LeadWork red(double cutFactor, String missedBy) {
        List<String> excluded = new java.util.ArrayList<>(excludedOwners);
        excluded.add(missedBy);
        return toBuilder()
                .flaggedRed(true)
                .scoreFactor(scoreFactor * cutFactor)
                .excludedOwners(excluded)
                .build();
    }

    /** A new work state, every component named; the score factor starts at 1.0. */
    public static LeadWorkBuilder builder() {
        return LeadWorkBuilder.builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public LeadWorkBuilder toBuilder() {
        return LeadWorkBuilder.builder(this);
    }
}
