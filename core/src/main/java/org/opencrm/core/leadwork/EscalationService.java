package org.opencrm.core.leadwork;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.opencrm.core.access.Role;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.counter.CounterStore;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.lead.LeadStore;
import org.opencrm.core.lead.LeadStore.WriteOutcome;
import org.opencrm.core.lead.LeadWork;
import org.opencrm.core.metrics.BusinessEvent;
import org.opencrm.core.metrics.BusinessTally;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.Pages;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserFilter;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.UserStatus;

/**
 * The SLA ladder, applied by the sweep: every lead whose next step fell due is read from the
 * sparse due index (never a scan) and the step is applied with a write conditional on the lead's
 * version, which holds the step number: two overlapping sweeps, or a sweep that crashed half way
 * and runs again, apply each step once. What a step decides is pure ({@link SlaLadder});
 * notifications follow from the committed change on the leads stream.
 */
public final class EscalationService {

    public static final String SYSTEM = "system:sla";
    private static final int PAGE = 100;
    private static final int MAX_PAGES = 50;

    private final LeadStore leads;
    private final UserService users;
    private final CounterStore counters;
    private final ConfigService config;
    private final Clock clock;

    public EscalationService(
            LeadStore leads,
            UserService users,
            CounterStore counters,
            ConfigService config,
            Clock clock) {
        this.leads = leads;
        this.users = users;
        this.counters = counters;
        this.config = config;
        this.clock = clock;
    }

    /** One sweep: applies every step due now; returns how many it applied. */
    public int sweep() {
        Instant now = clock.instant();
        AssignmentSettings settings = config.current(AssignmentSettings.DEFINITION);
        return Pages.all(PAGE, page -> leads.due(now, page))
                .limit((long) PAGE * MAX_PAGES)
                .mapToInt(lead -> apply(lead.id(), now, settings) ? 1 : 0)
                .sum();
    }

    /**
     * Applies the lead's due step if it is still due; false when someone else did (or it is not
     * due).
     */
    public boolean apply(String leadId, Instant now, AssignmentSettings settings) {
        Optional<Lead> read = leads.find(leadId);
        if (read.isEmpty()
                || read.get().work().slaDueAt() == null
                || read.get().work().slaDueAt().isAfter(now)) {
            return false;
        }
        Lead lead = read.get();
        // a lead nobody owns is the reactor's (NEW, in transit) or waits in the pool: no step
        // applies until someone owns it, or a retried sweep could wake it with no owner
        if (lead.ownerId() == null) {
            return false;
        }
        // only an escalation needs the team lead: no user reads for the other steps
        boolean escalates =
                lead.work().slaStep() == LeadWork.CONTACT && lead.work().contactedAt() == null;
        SlaLadder.Step step = SlaLadder.next(lead, settings, escalates ? teamLeadOf(lead) : null);
        Lead next = step.apply(lead, now);
        WriteStamp stamp =
                new WriteStamp(SYSTEM, "sla:" + lead.id() + ":" + lead.work().slaStep(), null, now);
        if (leads.replace(lead, next, stamp) != WriteOutcome.WRITTEN) {
            return false;
        }
        afterStep(lead, next);
        BusinessTally.count(BusinessEvent.SLA_STEP_APPLIED);
        return true;
    }

    /**
     * A missed step counts against the rep who missed it (R-14 coaching flags); the open-lead
     * counts moved with the lead's write.
     */
    private void afterStep(Lead before, Lead after) {
        if (after.work().lastSlaStep() != null
                && after.work().lastSlaStep().contains("MISSED")
                && before.ownerId() != null) {
            counters.addStanding(Keys.slaMisses(before.ownerId()), 1, null);
        }
    }

    /**
     * The owner's team lead: their manager if that is a team lead, else an active team lead of
     * their team.
     */
    private User teamLeadOf(Lead lead) {
        if (lead.ownerId() == null || lead.status() == LeadStatus.NEW) {
            return null;
        }
        Optional<User> owner = users.findOptional(lead.ownerId());
        Optional<User> manager =
                owner.map(User::managerId)
                        .flatMap(users::findOptional)
                        .filter(
                                user ->
                                        user.role() == Role.TEAM_LEAD
                                                && user.status() == UserStatus.ACTIVE);
        if (manager.isPresent()) {
            return manager.get();
        }
        String team = owner.map(User::team).orElse(lead.team());
        if (team == null) {
            return null;
        }
        return users
                .everyone(new UserFilter(Role.TEAM_LEAD, null, team, UserStatus.ACTIVE))
                .stream()
                .findFirst()
                .orElse(null);
    }
}
