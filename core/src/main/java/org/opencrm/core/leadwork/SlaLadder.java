package org.opencrm.core.leadwork;

import java.time.Instant;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadLifecycle;
import org.opencrm.core.lead.LeadWork;
import org.opencrm.core.user.User;

/**
 * What each SLA step does, pure. The ladder runs from the first assignment:
 *
 * <ol>
 *   <li>VIEW, at +2 h: not viewed → flagged red, weight cut 30 %, the owner excluded, the lead back
 *       to NEW for the reactor to give to someone else (once: the next step is CONTACT whatever
 *       happens).
 *   <li>CONTACT, at +24 h: no first contact → transferred to the team lead.
 *   <li>WAKE, at +3 days: still no contact → a wake-up SMS to the customer, status WOKEN.
 * </ol>
 *
 * A step whose condition is already met (viewed, contacted) just moves the ladder on.
 */
public final class SlaLadder {

    private SlaLadder() {}

    /** A step, decided: how it changes the lead. */
    public interface Step {
        Lead apply(Lead lead, Instant now);
    }

    public static Step next(Lead lead, AssignmentSettings settings, User teamLead) {
        LeadWork work = lead.work();
        Instant start = work.firstAssignedAt();
        return switch (work.slaStep()) {
            case LeadWork.VIEW -> view(lead, settings, start);
            case LeadWork.CONTACT -> contact(lead, settings, start, teamLead);
            case LeadWork.WAKE -> wake(lead, settings);
            default ->
                    (current, now) ->
                            current.worked(
                                    current.status(),
                                    current.ownerId(),
                                    current.team(),
                                    current.work()
                                            .stepped(
                                                    LeadWork.DONE,
                                                    null,
                                                    current.work().lastSlaStep()),
                                    now);
        };
    }

    private static Step view(Lead lead, AssignmentSettings settings, Instant start) {
        Instant contactDue = start.plus(settings.contactWithin());
        if (lead.work().viewedAt() != null || lead.ownerId() == null) {
            return (current, now) ->
                    current.worked(
                            current.status(),
                            current.ownerId(),
                            current.team(),
                            current.work().stepped(LeadWork.CONTACT, contactDue, "VIEW_OK"),
                            now);
        }
        double keep = 1.0 - settings.redWeightCutPercent() / 100.0;
        String what =
                "VIEW_MISSED: "
                        + lead.ownerId()
                        + " did not view it within "
                        + settings.viewWithinMinutes()
                        + " min; flagged red, weight cut "
                        + settings.redWeightCutPercent()
                        + " %, reassigned";
        return (current, now) ->
                current.worked(
                        LeadLifecycle.after(current.status(), LeadLifecycle.Action.SLA_REASSIGN),
                        null,
                        null,
                        current.work()
                                .red(keep, current.ownerId())
                                .stepped(LeadWork.CONTACT, contactDue, what),
                        now);
    }

    private static Step contact(
            Lead lead, AssignmentSettings settings, Instant start, User teamLead) {
        Instant wakeDue = start.plus(settings.actionWithin());
        if (lead.work().contactedAt() != null) {
            return (current, now) ->
                    current.worked(
                            current.status(),
                            current.ownerId(),
                            current.team(),
                            current.work().stepped(LeadWork.DONE, null, "CONTACT_OK"),
                            now);
        }
        if (teamLead == null) {
            String what =
                    "CONTACT_MISSED: no first contact within "
                            + settings.contactWithinHours()
                            + " h; no team lead to transfer to";
            return (current, now) ->
                    current.worked(
                            current.status(),
                            current.ownerId(),
                            current.team(),
                            current.work().stepped(LeadWork.WAKE, wakeDue, what),
                            now);
        }
        String what =
                "CONTACT_MISSED: "
                        + lead.ownerId()
                        + " made no first contact within "
                        + settings.contactWithinHours()
                        + " h; transferred to team lead "
                        + teamLead.id();
        return (current, now) ->
                current.worked(
                        LeadLifecycle.after(current.status(), LeadLifecycle.Action.SLA_ESCALATE),
                        teamLead.id(),
                        teamLead.team(),
                        current.work().stepped(LeadWork.WAKE, wakeDue, what),
                        now);
    }

    private static Step wake(Lead lead, AssignmentSettings settings) {
        if (lead.work().contactedAt() != null) {
            return (current, now) ->
                    current.worked(
                            current.status(),
                            current.ownerId(),
                            current.team(),
                            current.work().stepped(LeadWork.DONE, null, "ACTION_OK"),
                            now);
        }
        return (current, now) ->
                current.worked(
                        LeadLifecycle.after(current.status(), LeadLifecycle.Action.SLA_WAKE),
                        current.ownerId(),
                        current.team(),
                        current.work()
                                .stepped(
                                        LeadWork.DONE,
                                        null,
                                        "WOKEN: no contact within "
                                                + settings.actionWithinHours()
                                                + " h; wake-up SMS to the customer"),
                        now);
    }
}
