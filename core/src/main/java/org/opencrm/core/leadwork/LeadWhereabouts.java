package org.opencrm.core.leadwork;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadFilter;
import org.opencrm.core.lead.LeadLifecycle;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.lead.LeadStore;
import org.opencrm.core.metrics.BusinessEvent;
import org.opencrm.core.metrics.BusinessTally;
import org.opencrm.core.store.Pages;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserFilter;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.UserStatus;

/**
 * The check that every open lead is somewhere: owned by an ACTIVE user, or in its region's
 * pool with a reason. It reads only where a lead that is nowhere can be, each from an index (never
 * a scan): the owner index of every user who is not active, every region's pool, and leads still
 * NEW after the reactor had time to assign them. Each candidate is read again (the indexes lag) and
 * judged by {@link #findingOf}; the admins hear of each lead once per finding.
 *
 * <p>Not covered: an ASSIGNED (or later) lead without an owner, which no index lists apart from the
 * status lists of every open lead; assignment sets the owner in the write that sets the status.
 */
public final class LeadWhereabouts {

    /** How long the reactor may take to assign a NEW lead before it counts as nowhere. */
    public static final Duration NEW_GRACE = Duration.ofMinutes(15);

    private static final int PAGE = 100;
    private static final List<UserStatus> NOT_ACTIVE =
            List.of(UserStatus.SUSPENDED, UserStatus.LEFT);

    private final LeadStore leads;
    private final UserService users;
    private final LeadNotifications notifications;
    private final Clock clock;

    public LeadWhereabouts(
            LeadStore leads, UserService users, LeadNotifications notifications, Clock clock) {
        this.leads = leads;
        this.users = users;
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * One run's figures.
     *
     * @param checked candidate leads read
     * @param nowhere leads found nowhere (each reported to the admins once per finding)
     */
    public record Result(int checked, int nowhere) {}

    /**
     * Why an open lead is nowhere, or empty when it is somewhere (or closed). Pure.
     *
     * @param ownerStatus the owner's status; empty when the lead has no owner or the owner is no
     *     user
     */
    public static Optional<String> findingOf(
            Lead lead, Optional<UserStatus> ownerStatus, Instant now) {
        if (!LeadLifecycle.isOpen(lead.status())) {
            return Optional.empty();
        }
        if (lead.ownerId() != null) {
            if (ownerStatus.isEmpty()) {
                return Optional.of("OWNER_UNKNOWN");
            }
            UserStatus status = ownerStatus.get();
            return status == UserStatus.ACTIVE ? Optional.empty() : Optional.of("OWNER_" + status);
        }
        if (lead.status() == LeadStatus.UNASSIGNED) {
            return lead.work().unassignedReason() == null
                    ? Optional.of("POOLED_WITHOUT_REASON")
                    : Optional.empty();
        }
        // a lead taken back to NEW by the SLA ladder is the reactor's again from that change
        boolean reactorStillHasIt =
                lead.status() == LeadStatus.NEW && lead.updatedAt().plus(NEW_GRACE).isAfter(now);
        return reactorStillHasIt ? Optional.empty() : Optional.of("NO_OWNER_NO_POOL");
    }

    /** One run. */
    public Result check() {
        Instant now = clock.instant();
        Set<String> candidates = new LinkedHashSet<>();
        notActiveOwners().forEach(candidates::add);
        pooled().forEach(candidates::add);
        stillNew(now).forEach(candidates::add);
        int nowhere = 0;
        for (String leadId : candidates) {
            Optional<Lead> lead = leads.find(leadId);
            Optional<String> finding =
                    lead.flatMap(read -> findingOf(read, ownerStatus(read), now));
            if (finding.isEmpty()) {
                continue;
            }
            nowhere++;
            BusinessTally.count(BusinessEvent.LEAD_FOUND_NOWHERE);
            notifications.nowhere(lead.get(), finding.get(), now);
        }
        return new Result(candidates.size(), nowhere);
    }

    private Optional<UserStatus> ownerStatus(Lead lead) {
        return lead.ownerId() == null
                ? Optional.empty()
                : users.findOptional(lead.ownerId()).map(User::status);
    }

    /** Open leads of every user who is not active, from the owner index. */
    private Stream<String> notActiveOwners() {
        return NOT_ACTIVE.stream()
                .flatMap(
                        status -> users.everyone(new UserFilter(null, null, null, status)).stream())
                .flatMap(
                        user ->
                                Pages.all(
                                        PAGE,
                                        page ->
                                                leads.list(
                                                        LeadFilter.ALL.withOwner(user.id()), page)))
                .filter(lead -> LeadLifecycle.isOpen(lead.status()))
                .map(Lead::id);
    }

    /** Every lead of every region's pool (the regions people work in, and leads without one). */
    private Stream<String> pooled() {
        Set<String> regions = new LinkedHashSet<>();
        users.everyone(UserFilter.none()).stream()
                .map(User::region)
                .filter(Objects::nonNull)
                .forEach(regions::add);
        return Stream.concat(regions.stream(), Stream.of((String) null))
                .flatMap(region -> Pages.all(PAGE, page -> leads.pool(region, page)))
                .map(Lead::id);
    }

    /** Leads taken in before the grace and still NEW, from the status index. */
    private Stream<String> stillNew(Instant now) {
        LeadFilter oldNew =
                LeadFilter.builder().status(LeadStatus.NEW).to(now.minus(NEW_GRACE)).build();
        return Pages.all(PAGE, page -> leads.list(oldNew, page)).map(Lead::id);
    }
}
