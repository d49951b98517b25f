package org.opencrm.core.leadwork;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadFilter;
import org.opencrm.core.lead.LeadLifecycle;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.store.Pages;
import org.opencrm.core.testing.FaultyDynamo;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestLeads;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserFilter;
import org.opencrm.core.user.UserInput;
import org.opencrm.core.user.UserStatus;

/**
 * Issue 12's done-when property, on the real DynamoDB Local engine: 1,000 leads go through random
 * operations (assignment, view, contact, convert, disqualify, assignment by hand, SLA steps with
 * the clock advanced, suspension, reinstatement, off-boarding, capacity raised, reps added) while
 * the engine's client crashes before or after writes; each crashed operation is repeated as its
 * caller (or the stream's redelivery) would. After every step each user's open-lead count equals
 * their open leads in the owner index, every open lead is owned by an ACTIVE user or waits in its
 * region's pool, and none is in two places or nowhere.
 *
 * <p>Reproducible: the seed is printed and named in every failure; run again with {@code
 * -DleadPlacement.seed=<seed>}.
 */
class LeadPlacementPropertyTest {

    private static final int LEADS = 1_000;
    private static final int LEADS_PER_INTAKE = 4;
    private static final double CRASH_RATE = 0.05;
    private static final List<String> REASONS =
            List.of("NO_BUDGET", "NO_NEED", "UNREACHABLE", "DUPLICATE", "COMPETITOR");

    private enum Op {
        INGEST(26),
        VIEW(8),
        CONTACT(8),
        CONVERT(16),
        DISQUALIFY(16),
        BY_HAND(6),
        SLA(4),
        SUSPEND(4),
        REINSTATE(4),
        OFFBOARD(2),
        RAISE_CAPACITY(3),
        ADD_REP(3);

        final int weight;

        Op(int weight) {
            this.weight = weight;
        }
    }

    private final long seed = Long.getLong("leadPlacement.seed", 20_261_130L);
    private final Random random = new Random(seed);
    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final CoreServices reliable = dynamo.services(clock);
    private final FaultyDynamo faults = FaultyDynamo.around(dynamo.client(), seed, CRASH_RATE);
    private final CoreServices crashing =
            CoreServices.build(
                    faults.client(),
                    dynamo.tables(),
                    clock,
                    Duration.ZERO,
                    LocalDynamo.demoSecrets());
    private final String region = "prop-" + UUID.randomUUID().toString().substring(0, 8);
    private final String team = TestOrg.uniqueTeam();
    private final Caller admin = TestOrg.member(reliable, Role.ADMIN, null, null);
    private final Map<String, Caller> callers = new HashMap<>();
    private final Set<String> open = new LinkedHashSet<>();
    private final Map<String, List<Lead>> ownedNow = new HashMap<>();
    private final List<Lead> pooledNow = new ArrayList<>();
    private final Map<Op, Integer> applied = new java.util.EnumMap<>(Op.class);
    private int ingested;
    private int step;
    private Op current;

    @Test
    void everyOpenLeadIsInExactlyOnePlace_andEveryCountEqualsItsOpenLeads_throughCrashes() {
        // GIVEN a team lead and six reps of small capacities in a region of their own
        Caller teamLead = TestOrg.member(reliable, Role.TEAM_LEAD, region, team);
        callers.put(teamLead.userId(), teamLead);
        for (int i = 0; i < 6; i++) {
            addRep(reliable);
        }
        long started = System.nanoTime();

        // WHEN random operations run until 1,000 leads came in, each step checked
        while (ingested < LEADS) {
            step++;
            current = pick();
            apply(current);
            applied.merge(current, 1, Integer::sum);
            checkPlacement();
        }

        // THEN (checked after every step) and the run was a real one: crashes happened
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.printf(
                "LeadPlacementPropertyTest seed=%d: %d steps, %d leads, %d crashes, %d ms, %s%n",
                seed, step, ingested, faults.crashes(), millis, applied);
        assertTrue(faults.crashes() > 50, "too few crashes to mean anything: " + faults.crashes());
    }

    private Op pick() {
        int total = 0;
        for (Op op : Op.values()) {
            total += op.weight;
        }
        int roll = random.nextInt(total);
        for (Op op : Op.values()) {
            roll -= op.weight;
            if (roll < 0) {
                return op;
            }
        }
        throw new IllegalStateException();
    }

    private void apply(Op op) {
        switch (op) {
            case INGEST -> ingest();
            case VIEW -> someOwned().ifPresent(this::view);
            case CONTACT -> someOwned().ifPresent(this::contact);
            case CONVERT -> someOwned().ifPresent(this::convert);
            case DISQUALIFY -> someOpen().ifPresent(this::disqualify);
            case BY_HAND -> someOpen().ifPresent(this::byHand);
            case SLA -> slaSteps();
            case SUSPEND -> someRep(UserStatus.ACTIVE).ifPresent(this::suspend);
            case REINSTATE -> someRep(UserStatus.SUSPENDED).ifPresent(this::reinstate);
            case OFFBOARD -> someRep(UserStatus.ACTIVE).ifPresent(this::offboard);
            case RAISE_CAPACITY -> someRep(UserStatus.ACTIVE).ifPresent(this::raiseCapacity);
            case ADD_REP -> addRep(crashing);
        }
    }

    private void ingest() {
        for (int i = 0; i < LEADS_PER_INTAKE && ingested < LEADS; i++) {
            // arrivals a second apart keep the pool's order unambiguous
            clock.advance(Duration.ofSeconds(1));
            String id = TestLeads.ingest(reliable, admin, "website", region);
            ingested++;
            open.add(id);
            // the reactor's delivery of the NEW lead, redelivered until it gets through
            asTheStream(() -> crashing.assignments().assignNew(id));
        }
    }

    private void view(Lead lead) {
        asACaller(() -> crashing.assignments().markViewed(lead.id(), callerOf(lead)));
    }

    private void contact(Lead lead) {
        asACaller(
                () ->
                        crashing.assignments()
                                .logContact(
                                        lead.id(),
                                        AssignmentService.ContactKind.CALL,
                                        "called",
                                        callerOf(lead)));
    }

    private void convert(Lead lead) {
        asACaller(() -> crashing.leads().convert(lead.id(), versionOf(lead), callerOf(lead)));
        closedSeenByTheReactor(lead);
    }

    private void disqualify(Lead lead) {
        String reason = REASONS.get(random.nextInt(REASONS.size()));
        asACaller(
                () -> crashing.leads().disqualify(lead.id(), versionOf(lead), reason, null, admin));
        closedSeenByTheReactor(lead);
    }

    /** The stream delivers the close to the reactor, which offers the region's oldest pooled. */
    private void closedSeenByTheReactor(Lead lead) {
        Lead now = reliable.leads().get(lead.id(), admin);
        if (!LeadLifecycle.isOpen(now.status())) {
            asTheStream(() -> crashing.assignments().assignOldestPooled(region));
        }
    }

    private void byHand(Lead lead) {
        List<String> people = new ArrayList<>(callers.keySet());
        String to = people.get(random.nextInt(people.size()));
        asACaller(() -> crashing.assignments().assignByHand(lead.id(), to, versionOf(lead), admin));
    }

    /** The clock jumps past a step of the ladder; the sweep applies it to every owned lead. */
    private void slaSteps() {
        List<Duration> jumps =
                List.of(Duration.ofMinutes(121), Duration.ofHours(25), Duration.ofDays(3));
        clock.advance(jumps.get(random.nextInt(jumps.size())));
        AssignmentSettings settings = reliable.assignments().settings();
        List<Lead> owned = ownedNow.values().stream().flatMap(List::stream).toList();
        for (Lead lead : owned) {
            asTheStream(() -> crashing.escalation().apply(lead.id(), clock.instant(), settings));
            // a lead taken back to NEW is the reactor's next delivery
            asTheStream(() -> crashing.assignments().assignNew(lead.id()));
        }
    }

    private void suspend(User rep) {
        untilThrough(() -> crashing.orgChanges().suspend(rep.id(), "on leave", admin));
    }

    private void reinstate(User rep) {
        asACaller(() -> crashing.orgChanges().reinstate(rep.id(), admin));
    }

    private void offboard(User rep) {
        List<User> successors =
                usersOfRegion().stream()
                        .filter(User::active)
                        .filter(user -> !user.id().equals(rep.id()))
                        .filter(user -> user.role() != Role.ADMIN)
                        .toList();
        if (successors.isEmpty()) {
            return;
        }
        String successor = successors.get(random.nextInt(successors.size())).id();
        // repeated until it answers: a repeat resumes the handover
        untilThrough(() -> crashing.orgChanges().offboard(rep.id(), successor, admin));
    }

    private void raiseCapacity(User rep) {
        UserInput raised = UserInput.builder().capacity(rep.capacity() + 1).build();
        asACaller(() -> crashing.orgChanges().updateUser(rep.id(), rep.version(), raised, admin));
    }

    private void addRep(CoreServices through) {
        Caller rep = TestCallers.of(Role.SALES_REP, region, team);
        callers.put(rep.userId(), rep);
        UserInput input =
                UserInput.builder()
                        .id(rep.userId())
                        .name("Rep " + rep.userId())
                        .role(Role.SALES_REP.name())
                        .region(region)
                        .team(team)
                        .capacity(2 + random.nextInt(5))
                        .build();
        asACaller(() -> through.orgChanges().createUser(input, admin));
    }

    /**
     * The placement property: counts equal open leads, each open lead is owned by an ACTIVE user or
     * pooled, once.
     */
    private void checkPlacement() {
        ownedNow.clear();
        pooledNow.clear();
        Set<String> found = new HashSet<>();
        List<User> users = usersOfRegion();
        Map<String, Long> counts =
                reliable.assignments().openLeadCounts(users.stream().map(User::id).toList());
        for (User user : users) {
            long count = counts.get(user.id());
            // users neither active nor counting any lead are checked through the nowhere check
            if (!user.active() && count == 0) {
                continue;
            }
            List<Lead> theirs =
                    Pages.all(
                                    page ->
                                            reliable.leads()
                                                    .list(
                                                            LeadFilter.ALL.withOwner(user.id()),
                                                            page,
                                                            admin))
                            .filter(lead -> LeadLifecycle.isOpen(lead.status()))
                            .toList();
            require(
                    count == theirs.size(),
                    user.id() + " counts " + count + " but owns " + theirs.size() + " open leads");
            require(
                    theirs.isEmpty() || user.active(),
                    user.id() + " is " + user.status() + " and still owns " + ids(theirs));
            theirs.forEach(lead -> require(found.add(lead.id()), lead.id() + " is in two places"));
            ownedNow.put(user.id(), theirs);
        }
        Pages.all(page -> reliable.assignments().unassigned(region, page, admin))
                .forEach(
                        lead -> {
                            require(
                                    lead.status() == LeadStatus.UNASSIGNED
                                            && lead.ownerId() == null
                                            && lead.work().unassignedReason() != null,
                                    lead.id()
                                            + " pooled as "
                                            + lead.status()
                                            + " by "
                                            + lead.ownerId());
                            require(found.add(lead.id()), lead.id() + " is in two places");
                            pooledNow.add(lead);
                        });
        for (String id : new ArrayList<>(open)) {
            if (found.contains(id)) {
                continue;
            }
            Lead lead = reliable.leads().get(id, admin);
            require(
                    !LeadLifecycle.isOpen(lead.status()),
                    id + " is " + lead.status() + " owned by " + lead.ownerId() + ": nowhere");
            open.remove(id);
        }
    }

    private void require(boolean holds, String what) {
        if (!holds) {
            throw new AssertionError(
                    "seed "
                            + seed
                            + ", step "
                            + step
                            + " ("
                            + current
                            + "): "
                            + what
                            + "; run again with -DleadPlacement.seed="
                            + seed);
        }
    }

    private List<User> usersOfRegion() {
        return reliable.users().everyone(new UserFilter(null, region, null, null));
    }

    private Optional<Lead> someOwned() {
        List<Lead> owned = ownedNow.values().stream().flatMap(List::stream).toList();
        return owned.isEmpty()
                ? Optional.empty()
                : Optional.of(owned.get(random.nextInt(owned.size())));
    }

    private Optional<Lead> someOpen() {
        List<Lead> all = new ArrayList<>(pooledNow);
        ownedNow.values().forEach(all::addAll);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(random.nextInt(all.size())));
    }

    private Optional<User> someRep(UserStatus status) {
        List<User> reps =
                usersOfRegion().stream()
                        .filter(user -> user.role() == Role.SALES_REP)
                        .filter(user -> user.status() == status)
                        .toList();
        return reps.isEmpty()
                ? Optional.empty()
                : Optional.of(reps.get(random.nextInt(reps.size())));
    }

    private Caller callerOf(Lead lead) {
        return callers.getOrDefault(lead.ownerId(), admin);
    }

    private long versionOf(Lead lead) {
        return reliable.leads().get(lead.id(), admin).version();
    }

    private static List<String> ids(List<Lead> leads) {
        return leads.stream().map(Lead::id).toList();
    }

    /**
     * A person's request: repeated after a crash; a refusal (the crashed attempt got through, or
     * the operation does not apply now) is an answer.
     */
    private void asACaller(Supplier<?> request) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                var unused = request.get();
                return;
            } catch (RuntimeException failure) {
                if (failure instanceof CrmException) {
                    return;
                }
                if (!(rootCause(failure) instanceof FaultyDynamo.Crash)) {
                    throw failure;
                }
            }
        }
        throw new AssertionError("seed " + seed + ": never got through");
    }

    /**
     * The stream's delivery, or an admin's repeat of a resumable operation: until it is through.
     */
    private void untilThrough(Supplier<?> delivery) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                var unused = delivery.get();
                return;
            } catch (RuntimeException failure) {
                if (!(rootCause(failure) instanceof FaultyDynamo.Crash)) {
                    throw failure;
                }
            }
        }
        throw new AssertionError("seed " + seed + ": never got through");
    }

    private void asTheStream(Supplier<?> delivery) {
        untilThrough(delivery);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
