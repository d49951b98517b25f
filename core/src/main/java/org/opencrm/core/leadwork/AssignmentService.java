package org.opencrm.core.leadwork;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.counter.CounterStore;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.idle.ActivityLog;
import org.opencrm.core.lead.Assignment;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadFilter;
import org.opencrm.core.lead.LeadLifecycle;
import org.opencrm.core.lead.LeadService;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.lead.LeadStore;
import org.opencrm.core.lead.LeadStore.WriteOutcome;
import org.opencrm.core.lead.LeadWork;
import org.opencrm.core.metrics.BusinessEvent;
import org.opencrm.core.metrics.BusinessTally;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.ConflictRetry;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.LostRace;
import org.opencrm.core.store.Pages;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserFilter;
import org.opencrm.core.user.UserLeads;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.UserStatus;

/**
 * Who works a lead: the reactor's automatic assignment, the unassigned pool,
 * assignment by hand, and the rep's first view and contacts. Every change is a version-checked
 * write of the lead, so a lead is assigned once however often the stream delivers it; notifications
 * follow from the committed change (see {@link LeadNotifications}).
 */
public final class AssignmentService implements UserLeads {

    public static final Role TAKES_LEADS = Role.SALES_REP;
    public static final int NOTE_MAX = 2000;
    public static final int COACHING_AFTER_MISSES = 3;
    // the oldest pooled leads one close looks through for one a rep may take (one index page)
    private static final int POOL_LOOKAHEAD = PageRequest.MAX_SIZE;
    // as long as a container trusts a user's status (USER_STATUS_CACHE_SECONDS)
    private static final java.time.Duration PEOPLE_CACHE = java.time.Duration.ofSeconds(5);

    /** The kinds of first contact that stop the SLA clock. */
    public enum ContactKind {
        CALL,
        VISIT,
        WECHAT
    }

    private final LeadStore leads;
    private final UserService users;
    private final CounterStore counters;
    private final RepLoads loads;
    private final ConfigService config;
    private final AccessPolicy policy;
    private final Clock clock;
    private final ActivityLog activity;
    private final Map<String, CachedPeople> people = new java.util.concurrent.ConcurrentHashMap<>();

    public AssignmentService(
            LeadStore leads,
            UserService users,
            CounterStore counters,
            ConfigService config,
            AccessPolicy policy,
            Clock clock) {
        this(leads, users, counters, config, policy, clock, ActivityLog.NONE);
    }

    /**
     * @param activity notes a logged contact as the rep's activity (R-17 idle reps)
     */
    public AssignmentService(
            LeadStore leads,
            UserService users,
            CounterStore counters,
            ConfigService config,
            AccessPolicy policy,
            Clock clock,
            ActivityLog activity) {
        this.activity = activity;
        this.leads = leads;
        this.users = users;
        this.counters = counters;
        this.loads = new RepLoads(counters);
        this.config = config;
        this.policy = policy;
        this.clock = clock;
    }

    public AssignmentSettings settings() {
        return config.current(AssignmentSettings.DEFINITION);
    }

    /**
     * The reactor's step: assigns a NEW lead, or puts it in the pool with the reason. Any other
     * status means someone got there first (a redelivered record, a racing reactor): nothing
     * happens.
     */
    public Optional<Lead> assignNew(String leadId) {
        return ConflictRetry.standard()
                .run(
                        attempt ->
                                leads.find(leadId)
                                        .filter(lead -> lead.status() == LeadStatus.NEW)
                                        .map(lead -> tryAssign(lead, settings())));
    }

    /**
     * The reactor's step when a lead of {@code region} closed (its owner has room now): the
     * region's oldest pooled lead some rep may take is offered to assignment with the same engine
     * as a new lead. A pooled lead nobody may take (every rep missed its SLA) is passed over, so it
     * cannot keep the room from the leads behind it; one nobody has room for stays as it is. A
     * redelivered close offers again, but only a lead still UNASSIGNED, and the owner's capacity is
     * the write's condition, so a freed place is filled once.
     */
    public Optional<Lead> assignOldestPooled(String region) {
        AssignmentSettings settings = settings();
        // the close released a count this container's copy of the loads does not know about
        people.remove(peopleKey(settings, region));
        return ConflictRetry.standard()
                .run(
                        attempt ->
                                leads.oldestPooled(region, POOL_LOOKAHEAD).stream()
                                        // decided on the index's copy first: a lead nobody may
                                        // take costs no read
                                        .filter(indexed -> someRepMayTake(indexed, settings))
                                        .flatMap(indexed -> leads.find(indexed.id()).stream())
                                        .filter(lead -> lead.status() == LeadStatus.UNASSIGNED)
                                        .flatMap(lead -> tryAssignFromPool(lead, settings).stream())
                                        .findFirst());
    }

    private boolean someRepMayTake(Lead lead, AssignmentSettings settings) {
        return AssignmentEngine.decide(facts(lead), reps(lead, settings), settings).ownerId()
                != null;
    }

    /**
     * A suspended or departed owner's open leads leave them: found by the owner index, each
     * re-read and moved only while still theirs, so a repeat after a crash finishes the rest and
     * never moves a lead twice. The successor takes them while their capacity (the ledger
     * transaction's condition) allows; the remainder, and everything when there is no successor,
     * goes through the same engine as a new lead: another eligible rep of the region, else the
     * region's pool with the reason.
     */
    @Override
    public Handover handOver(User from, User successor, WriteStamp stamp) {
        AssignmentSettings settings = settings();
        // this container's copy of the region may still hold the owner as ACTIVE
        people.remove(peopleKey(settings, from.region()));
        List<String> open =
                Pages.all(
                                PageRequest.MAX_SIZE,
                                page -> leads.list(LeadFilter.ALL.withOwner(from.id()), page))
                        .filter(lead -> LeadLifecycle.isOpen(lead.status()))
                        .map(Lead::id)
                        .toList();
        int toSuccessor = 0;
        int reassigned = 0;
        int pooled = 0;
        for (String leadId : open) {
            Moved moved =
                    ConflictRetry.standard()
                            .run(attempt -> moveAway(leadId, from, successor, stamp, settings));
            switch (moved) {
                case TO_SUCCESSOR -> toSuccessor++;
                case REASSIGNED -> reassigned++;
                case POOLED -> pooled++;
                case NOT_THEIRS -> {}
            }
        }
        return new Handover(toSuccessor, reassigned, pooled);
    }

    /** Where one lead went. */
    private enum Moved {
        TO_SUCCESSOR,
        REASSIGNED,
        POOLED,
        NOT_THEIRS
    }

    private Moved moveAway(
            String leadId,
            User from,
            User successor,
            WriteStamp requested,
            AssignmentSettings settings) {
        Optional<Lead> stillTheirs =
                leads.find(leadId)
                        .filter(lead -> from.id().equals(lead.ownerId()))
                        .filter(lead -> LeadLifecycle.isOpen(lead.status()));
        if (stillTheirs.isEmpty()) {
            return Moved.NOT_THEIRS;
        }
        Lead lead = stillTheirs.get();
        Instant now = clock.instant();
        WriteStamp stamp =
                new WriteStamp(
                        requested.actorId(), requested.requestId(), requested.sourceIp(), now);
        String gone = "owner " + from.id() + " " + from.status();
        if (successor != null && successor.active()) {
            Assignment toSuccessor =
                    new Assignment(
                            successor.id(),
                            0,
                            List.of(new Assignment.Term(gone + ", successor " + successor.id(), 0)),
                            List.of(),
                            null,
                            requested.actorId());
            WriteOutcome outcome =
                    leads.replace(
                            lead,
                            handedTo(
                                    lead,
                                    successor,
                                    toSuccessor,
                                    LeadLifecycle.Action.HAND_OVER,
                                    now,
                                    settings),
                            stamp,
                            (long) successor.capacity());
            if (outcome == WriteOutcome.WRITTEN) {
                return Moved.TO_SUCCESSOR;
            }
            if (outcome != WriteOutcome.NO_ROOM) {
                throw new LostRace("lead " + leadId + " changed meanwhile");
            }
            gone = gone + ", successor " + successor.id() + " at capacity";
        }
        return reassignOrPool(lead, from, gone, stamp, settings);
    }

    /** The engine's choice among the region's other reps, or the pool with the reason. */
    private Moved reassignOrPool(
            Lead lead, User from, String gone, WriteStamp stamp, AssignmentSettings settings) {
        // the departing owner as they are now, whatever the cached copy of the region says
        List<AssignmentEngine.Rep> reps =
                reps(lead, settings).stream()
                        .map(
                                rep ->
                                        rep.user().id().equals(from.id())
                                                ? new AssignmentEngine.Rep(from, rep.load())
                                                : rep)
                        .toList();
        Assignment engine = AssignmentEngine.decide(facts(lead), reps, settings);
        List<Assignment.Term> because = new java.util.ArrayList<>();
        because.add(new Assignment.Term(gone, 0));
        because.addAll(engine.explanation());
        Assignment decision =
                new Assignment(
                        engine.ownerId(),
                        engine.score(),
                        because,
                        engine.candidates(),
                        engine.reason(),
                        engine.by());
        if (decision.ownerId() == null) {
            pool(lead, decision, LeadLifecycle.Action.RETURN_TO_POOL, stamp);
            return Moved.POOLED;
        }
        assign(lead, decision, reps, LeadLifecycle.Action.HAND_OVER, settings, stamp);
        return Moved.REASSIGNED;
    }

    /** The lead as {@code owner}'s, with a fresh view window (the SLA ladder goes on). */
    private static Lead handedTo(
            Lead lead,
            User owner,
            Assignment decision,
            LeadLifecycle.Action action,
            Instant now,
            AssignmentSettings settings) {
        return lead.worked(
                LeadLifecycle.after(lead.status(), action),
                owner.id(),
                owner.team(),
                lead.work().assigned(decision, now, now.plus(settings.viewWithin())),
                now);
    }

    private static User ownerAmong(List<AssignmentEngine.Rep> reps, Assignment decision) {
        return reps.stream()
                .map(AssignmentEngine.Rep::user)
                .filter(u -> u.id().equals(decision.ownerId()))
                .findFirst()
                .orElseThrow();
    }

    /**
     * A rep got room (added, reinstated, capacity raised): the region's oldest pooled leads go to
     * assignment one by one while the engine finds someone for the oldest, at most the rep's
     * capacity's worth. Each step is {@link #assignOldestPooled}, conditional on the lead still
     * being pooled and the owner's capacity, so a repeat assigns nothing twice.
     */
    @Override
    public int offerRoom(User rep) {
        if (!rep.active() || rep.role() != TAKES_LEADS) {
            return 0;
        }
        int assigned = 0;
        while (assigned < rep.capacity() && assignOldestPooled(rep.region()).isPresent()) {
            assigned++;
        }
        return assigned;
    }

    /** Assigns or pools the lead; a lost race (the lead changed, the rep filled up) is retried. */
    private Lead tryAssign(Lead lead, AssignmentSettings settings) {
        List<AssignmentEngine.Rep> reps = reps(lead, settings);
        Assignment decision = AssignmentEngine.decide(facts(lead), reps, settings);
        if (decision.ownerId() == null) {
            return pool(lead, decision, LeadLifecycle.Action.POOL, systemStamp(lead));
        }
        return assign(
                lead, decision, reps, LeadLifecycle.Action.ASSIGN, settings, systemStamp(lead));
    }

    /** Assigns a pooled lead if a rep has room; otherwise it keeps waiting, unchanged. */
    private Optional<Lead> tryAssignFromPool(Lead lead, AssignmentSettings settings) {
        List<AssignmentEngine.Rep> reps = reps(lead, settings);
        Assignment decision = AssignmentEngine.decide(facts(lead), reps, settings);
        if (decision.ownerId() == null) {
            return Optional.empty();
        }
        return Optional.of(
                assign(
                        lead,
                        decision,
                        reps,
                        LeadLifecycle.Action.ASSIGN_FROM_POOL,
                        settings,
                        systemStamp(lead)));
    }

    private Lead pool(
            Lead lead, Assignment decision, LeadLifecycle.Action action, WriteStamp stamp) {
        Lead pooled =
                lead.worked(
                        LeadLifecycle.after(lead.status(), action),
                        null,
                        null,
                        lead.work().unassigned(decision),
                        stamp.at());
        Lead pooledLead =
                written(lead, pooled, stamp)
                        .orElseThrow(
                                () -> new LostRace("lead " + lead.id() + " changed meanwhile"));
        BusinessTally.count(BusinessEvent.LEAD_POOLED);
        return pooledLead;
    }

    private Lead assign(
            Lead lead,
            Assignment decision,
            List<AssignmentEngine.Rep> reps,
            LeadLifecycle.Action action,
            AssignmentSettings settings,
            WriteStamp stamp) {
        User owner = ownerAmong(reps, decision);
        Lead assigned = handedTo(lead, owner, decision, action, stamp.at(), settings);
        // the owner's count is taken in the lead's own transaction, capacity its condition
        WriteOutcome outcome = leads.replace(lead, assigned, stamp, (long) owner.capacity());
        if (outcome == WriteOutcome.NO_ROOM) {
            // full by now (another container's assignments): read the loads again
            people.remove(peopleKey(settings, lead.fields().region()));
            throw new LostRace("rep " + owner.id() + " filled up meanwhile");
        }
        if (outcome != WriteOutcome.WRITTEN) {
            throw new LostRace("lead " + lead.id() + " changed meanwhile");
        }
        Lead result = assigned.atVersion(lead.version() + 1, stamp.at());
        BusinessTally.count(BusinessEvent.LEAD_ASSIGNED);
        String region = settings.requireRegionMatch() ? lead.fields().region() : null;
        peopleOf(region).loads().merge(owner.id(), 1L, Long::sum);
        return result;
    }

    private WriteStamp systemStamp(Lead lead) {
        return new WriteStamp(
                AssignmentEngine.SYSTEM,
                "assign:" + lead.id() + ":" + lead.version(),
                null,
                clock.instant());
    }

    /** The key {@link #peopleOf} caches a region's reps under. */
    private static String peopleKey(AssignmentSettings settings, String region) {
        return settings.requireRegionMatch() && region != null ? region : "";
    }

    /**
     * {@code assignLead}: a team lead or admin gives a lead (pooled or not) to a rep in their
     * scope.
     */
    public Lead assignByHand(String leadId, String userId, long expectedVersion, Caller caller) {
        Lead lead =
                leads.find(leadId)
                        .orElseThrow(() -> new NotFoundException(LeadService.TYPE, leadId));
        policy.requireWrite(LeadService.TYPE, leadId, caller, lead.ownership(), "assignLead");
        if (lead.version() != expectedVersion) {
            throw new VersionConflictException(leadId, expectedVersion, lead.version());
        }
        LeadStatus assignedStatus =
                LeadLifecycle.require(lead.status(), LeadLifecycle.Action.ASSIGN_BY_HAND);
        User owner =
                users.findOptional(userId)
                        .filter(user -> user.status() == UserStatus.ACTIVE)
                        .filter(user -> policy.mayRead("User", caller, user.ownership()))
                        .orElseThrow(
                                () ->
                                        new ValidationException(
                                                FieldProblem.of(
                                                        "userId",
                                                        "eligibleOwner",
                                                        "must be an ACTIVE user in your scope, got "
                                                                + userId)));
        Instant now = clock.instant();
        Assignment decision =
                new Assignment(
                        owner.id(),
                        0,
                        List.of(new Assignment.Term("by hand:" + caller.userId(), 0)),
                        List.of(),
                        null,
                        caller.userId());
        Lead assigned =
                lead.worked(
                        assignedStatus,
                        owner.id(),
                        owner.team(),
                        lead.work().assigned(decision, now, now.plus(settings().viewWithin())),
                        now);
        policy.requireWrite(LeadService.TYPE, leadId, caller, assigned.ownership(), "assignLead");
        // by hand is the team lead's call, over capacity if need be; the counts move with the write
        return leads.replaceOrConflict(lead, assigned, WriteStamp.of(caller, now));
    }

    /**
     * {@code User.openLeadCount}: each user's open leads as the ledger holds them, in one batch
     * read. The callers already see these users; the field matrix decides who reads the field.
     */
    public Map<String, Long> openLeadCounts(java.util.Collection<String> userIds) {
        return loads.of(userIds);
    }

    /** The owner opened the lead: the first view stops the 2-hour clock. */
    public Lead markViewed(String leadId, Caller caller) {
        return changeAsOwner(
                leadId,
                caller,
                "markLeadViewed",
                lead -> {
                    LeadLifecycle.require(lead.status(), LeadLifecycle.Action.VIEW);
                    if (lead.work().viewedAt() != null) {
                        return lead;
                    }
                    Instant now = clock.instant();
                    if (lead.work().assignedAt() != null
                            && !now.isAfter(
                                    lead.work().assignedAt().plus(settings().viewWithin()))) {
                        counters.reset(Keys.slaMisses(caller.userId()));
                    }
                    return lead.worked(
                            lead.status(),
                            lead.ownerId(),
                            lead.team(),
                            lead.work().viewed(now),
                            now);
                });
    }

    /** A logged call, visit or WeChat conversation: the first one is the first contact. */
    public Lead logContact(String leadId, ContactKind kind, String note, Caller caller) {
        String checked = note == null ? "" : note.strip();
        if (checked.length() > NOTE_MAX) {
            throw new ValidationException(FieldProblem.tooLong("note", NOTE_MAX, checked.length()));
        }
        Lead contacted =
                changeAsOwner(
                        leadId,
                        caller,
                        "logLeadContact",
                        lead -> {
                            Instant now = clock.instant();
                            LeadStatus status =
                                    LeadLifecycle.require(
                                            lead.status(), LeadLifecycle.Action.CONTACT);
                            return lead.worked(
                                    status,
                                    lead.ownerId(),
                                    lead.team(),
                                    lead.work()
                                            .contacted(
                                                    now,
                                                    kind
                                                            + (checked.isEmpty()
                                                                    ? ""
                                                                    : ": " + checked)),
                                    now);
                        });
        activity.record(caller.userId(), contacted.updatedAt());
        return contacted;
    }

    /** The pool of a region, newest first; an index query. */
    public Page<Lead> unassigned(String region, PageRequest page, Caller caller) {
        // the pool's own scopes (policy.yaml pools), not those of owned leads
        if (!policy.mayReadPool(LeadService.TYPE, region, caller)) {
            return new Page<>(List.of(), false);
        }
        return leads.pool(region, page);
    }

    /**
     * one rep's times from assignment to first view and to first contact, over leads created
     * in [from, to].
     */
    public RepResponse responseStats(String userId, Instant from, Instant to, Caller caller) {
        if (users.findVisible(userId, caller).isEmpty()) {
            throw new NotFoundException("User", userId);
        }
        org.opencrm.core.lead.LeadFilter owned =
                new org.opencrm.core.lead.LeadFilter(null, userId, null, null, null, from, to);
        List<LeadWork> worked = Pages.all(page -> leads.list(owned, page)).map(Lead::work).toList();
        List<Long> toView =
                worked.stream()
                        .flatMap(
                                work -> minutesBetween(work.assignedAt(), work.viewedAt()).stream())
                        .toList();
        List<Long> toContact =
                worked.stream()
                        .flatMap(
                                work ->
                                        minutesBetween(work.assignedAt(), work.contactedAt())
                                                .stream())
                        .toList();
        long missed = counters.total(Keys.slaMisses(userId));
        return new RepResponse(
                userId,
                ResponseStats.of(toView),
                ResponseStats.of(toContact),
                missed,
                missed >= COACHING_AFTER_MISSES);
    }

    /**
     * reps in the caller's sight who missed the SLA {@link #COACHING_AFTER_MISSES} times in a
     * row.
     */
    public List<RepResponse> coachingFlags(Caller caller) {
        List<User> reps =
                users.everyone(new UserFilter(TAKES_LEADS, null, null, UserStatus.ACTIVE)).stream()
                        .filter(user -> policy.mayRead("User", caller, user.ownership()))
                        .toList();
        Map<String, Long> misses =
                counters.totals(reps.stream().map(user -> Keys.slaMisses(user.id())).toList());
        return reps.stream()
                .filter(user -> misses.get(Keys.slaMisses(user.id())) >= COACHING_AFTER_MISSES)
                .map(
                        user ->
                                new RepResponse(
                                        user.id(),
                                        null,
                                        null,
                                        misses.get(Keys.slaMisses(user.id())),
                                        true))
                .toList();
    }

    /** A rep's response times, and whether they are flagged for coaching. */
    public record RepResponse(
            String userId,
            ResponseStats toFirstView,
            ResponseStats toFirstContact,
            long missedInRow,
            boolean coachingFlag) {}

    private static Optional<Long> minutesBetween(Instant from, Instant to) {
        if (from == null || to == null || to.isBefore(from)) {
            return Optional.empty();
        }
        return Optional.of(java.time.Duration.between(from, to).toMinutes());
    }

    /**
     * Applies the owner's change to the lead as it stands: the caller sent no version, so a write
     * that lost a race reads again and re-applies. Past the attempts the last version conflict
     * answers, with the version the lead is at now.
     */
    @SuppressWarnings("ReferenceEquality")
    private Lead changeAsOwner(
            String leadId,
            Caller caller,
            String operation,
            java.util.function.UnaryOperator<Lead> change) {
        return ConflictRetry.standard()
                .run(
                        attempt -> {
                            Lead lead =
                                    leads.find(leadId)
                                            .filter(
                                                    l ->
                                                            policy.mayRead(
                                                                    LeadService.TYPE,
                                                                    caller,
                                                                    l.ownership()))
                                            .orElseThrow(
                                                    () ->
                                                            new NotFoundException(
                                                                    LeadService.TYPE, leadId));
                            policy.requireWrite(
                                    LeadService.TYPE, leadId, caller, lead.ownership(), operation);
                            Lead next = change.apply(lead);
                            // a change that changes nothing hands back the same instance: nothing
                            // to write
                            if (next == lead) {
                                return lead;
                            }
                            // a lost race is retried; the last one answers VERSION_CONFLICT
                            return leads.replaceOrConflict(
                                    lead, next, WriteStamp.of(caller, next.updatedAt()));
                        });
    }

    /**
     * Reps who could take the lead: the region's, or everyone's when the region does not matter.
     */
    private List<AssignmentEngine.Rep> reps(Lead lead, AssignmentSettings settings) {
        String region = settings.requireRegionMatch() ? lead.fields().region() : null;
        CachedPeople cached = peopleOf(region);
        return cached.users().stream()
                .map(
                        user ->
                                new AssignmentEngine.Rep(
                                        user, cached.loads().getOrDefault(user.id(), 0L)))
                .toList();
    }

    /**
     * A region's reps, read at most every {@link #PEOPLE_CACHE} per container: a stream batch
     * assigns many leads of one region, and the org changes far less often than that. Loads are
     * never cached.
     */
    private CachedPeople peopleOf(String region) {
        String key = region == null ? "" : region;
        Instant now = clock.instant();
        CachedPeople cached = people.get(key);
        if (cached != null && cached.readAt().plus(PEOPLE_CACHE).isAfter(now)) {
            return cached;
        }
        List<User> fresh = users.everyone(new UserFilter(TAKES_LEADS, region, null, null));
        Map<String, Long> byUser =
                new java.util.concurrent.ConcurrentHashMap<>(
                        loads.of(fresh.stream().map(User::id).toList()));
        CachedPeople read = new CachedPeople(fresh, byUser, now);
        people.put(key, read);
        return read;
    }

    /**
     * A region's reps and the loads they carried when read, plus what this container assigned
     * since. Other containers' assignments show at the next read; capacity itself is enforced by
     * the conditional counter, never by this copy.
     */
    private record CachedPeople(List<User> users, Map<String, Long> loads, Instant readAt) {}

    private static AssignmentEngine.LeadFacts facts(Lead lead) {
        return new AssignmentEngine.LeadFacts(
                lead.channel(),
                lead.fields(),
                lead.work().scoreFactor(),
                new HashSet<>(lead.work().excludedOwners()));
    }

    private Optional<Lead> written(Lead previous, Lead next, WriteStamp stamp) {
        if (leads.replace(previous, next, stamp) != WriteOutcome.WRITTEN) {
            return Optional.empty();
        }
        return Optional.of(next.atVersion(previous.version() + 1, stamp.at()));
    }
}
