package org.opencrm.core.lead;

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
 */
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
        double scoreFactor,
        List<String> excludedOwners,
        String lastSlaStep,
        int contactCount,
        String lastContact) {

    public static final int NONE = 0;
    public static final int VIEW = 1;
    public static final int CONTACT = 2;
    public static final int WAKE = 3;
    public static final int DONE = 4;

    public static final LeadWork NEW =
            new LeadWork(
                    null, null, false, NONE, null, null, null, null, null, 1.0, List.of(), null, 0,
                    null);

    public LeadWork {
        excludedOwners = excludedOwners == null ? List.of() : List.copyOf(excludedOwners);
    }

    public LeadWork assigned(Assignment decision, Instant at, Instant firstDue) {
        boolean first = firstAssignedAt == null;
        return new LeadWork(
                decision,
                null,
                flaggedRed,
                first ? VIEW : slaStep,
                first ? firstDue : slaDueAt,
                first ? at : firstAssignedAt,
                at,
                null,
                null,
                scoreFactor,
                excludedOwners,
                lastSlaStep,
                contactCount,
                lastContact);
    }

    public LeadWork unassigned(Assignment decision) {
        return new LeadWork(
                decision,
                decision.reason(),
                flaggedRed,
                slaStep,
                slaDueAt,
                firstAssignedAt,
                assignedAt,
                viewedAt,
                contactedAt,
                scoreFactor,
                excludedOwners,
                lastSlaStep,
                contactCount,
                lastContact);
    }

    public LeadWork viewed(Instant at) {
        return new LeadWork(
                assignment,
                unassignedReason,
                flaggedRed,
                slaStep,
                slaDueAt,
                firstAssignedAt,
                assignedAt,
                viewedAt == null ? at : viewedAt,
                contactedAt,
                scoreFactor,
                excludedOwners,
                lastSlaStep,
                contactCount,
                lastContact);
    }

    public LeadWork contacted(Instant at, String contact) {
        return new LeadWork(
                assignment,
                unassignedReason,
                flaggedRed,
                slaStep,
                slaDueAt,
                firstAssignedAt,
                assignedAt,
                viewedAt == null ? at : viewedAt,
                contactedAt == null ? at : contactedAt,
                scoreFactor,
                excludedOwners,
                lastSlaStep,
                contactCount + 1,
                contact);
    }

    /**
     * The step applied: the ladder moves on to {@code next}, due at {@code nextDue} (null when the
     * ladder is done).
     */
    public LeadWork stepped(int next, Instant nextDue, String what) {
        return new LeadWork(
                assignment,
                unassignedReason,
                flaggedRed,
                next,
                nextDue,
                firstAssignedAt,
                assignedAt,
                viewedAt,
                contactedAt,
                scoreFactor,
                excludedOwners,
                what,
                contactCount,
                lastContact);
    }

    /** Flagged red: the weight cut, the owner excluded from getting it back. */
    public LeadWork red(double cutFactor, String missedBy) {
        List<String> excluded = new java.util.ArrayList<>(excludedOwners);
        excluded.add(missedBy);
        return new LeadWork(
                assignment,
                unassignedReason,
                true,
                slaStep,
                slaDueAt,
                firstAssignedAt,
                assignedAt,
                viewedAt,
                contactedAt,
                scoreFactor * cutFactor,
                excluded,
                lastSlaStep,
                contactCount,
                lastContact);
    }
}
