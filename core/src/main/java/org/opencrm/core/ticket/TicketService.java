package org.opencrm.core.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.access.RowScope;
import org.opencrm.core.calendar.BusinessCalendar;
import org.opencrm.core.calendar.WorkingCalendar;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.UserStatus;

/**
 * Service-ticket use cases (issue 17, R-24/R-25). Row scope as in access/policy.yaml: a ticket
 * outside the caller's read scope is NOT_FOUND, one visible but outside the write scope FORBIDDEN.
 * Every write names the version it read (VERSION_CONFLICT otherwise), moves the status only as
 * {@link TicketRules} allows, and re-measures the SLA clocks ({@link TicketSla}).
 */
public final class TicketService {

    public static final String TYPE = "Ticket";
    static final int SUGGESTED = 3;
    // read a little more than shown: resolutions that did not work are left out
    private static final int SUGGESTION_READ = 10;

    private final TicketStore store;
    private final CustomerService customers;
    private final UserService users;
    private final ConfigService config;
    private final AccessPolicy policy;
    private final Clock clock;

    /** Everything the service reads and writes; named, so two of one type cannot be swapped. */
    public record Parts(
            TicketStore store,
            CustomerService customers,
            UserService users,
            ConfigService config,
            AccessPolicy policy,
            Clock clock) {}

    public TicketService(Parts parts) {
        this.store = parts.store();
        this.customers = parts.customers();
        this.users = parts.users();
        this.config = parts.config();
        this.policy = parts.policy();
        this.clock = parts.clock();
    }

    /**
     * A NEW ticket of a customer the caller can see, by its id or its golden id (the surviving
     * golden customer after a merge); its category must be a leaf of the current ticketTaxonomy.
     */
    public Ticket open(TicketInput input, Caller caller) {
        TicketChannel channel = TicketRules.required("channel", input.channel());
        List<String> category = TicketRules.category(input.category());
        config.current(TicketTaxonomy.DEFINITION).requireLeaf(category);
        String words =
                TicketRules.text("customerWords", input.customerWords(), TicketRules.MAX_WORDS);
        Customer customer =
                goldenCustomer(TicketRules.required("customerId", input.customerId()), caller);
        Instant now = clock.instant();
        SlaPolicy sla = config.current(SlaPolicy.DEFINITION);
        BusinessCalendar calendar = calendar();
        String id = UUID.randomUUID().toString();
        Ticket draft =
                Ticket.builder()
                        .id(id)
                        .version(0)
                        .customerId(customer.id())
                        .goldenId(customer.goldenId())
                        .channel(channel)
                        .category(category)
                        .priority(
                                input.priority() == null
                                        ? TicketRules.DEFAULT_PRIORITY
                                        : input.priority())
                        .status(TicketStatus.NEW)
                        .team(teamOf(caller, customer))
                        .region(customer.fields().region())
                        .serviceAgentId(customer.serviceAgentId())
                        .customerWords(words)
                        .transitions(List.of(new TicketTransition(TicketStatus.NEW, now)))
                        .escalateAt(TicketSla.escalateAt(now, sla, calendar))
                        .openedBy(caller.userId())
                        .createdAt(now)
                        .updatedAt(now)
                        .build();
        Ticket ticket = TicketSla.measured(draft, sla, calendar, now);
        policy.requireWrite(TYPE, id, caller, ticket.ownership(), "openTicket");
        return store.insert(
                ticket,
                event(ticket, 1, TicketEventKind.OPENED, words, caller, now),
                stamp(caller, now));
    }

    public Ticket get(String id, Caller caller) {
        return findVisible(id, caller).orElseThrow(() -> new NotFoundException(TYPE, id));
    }

    /** The ticket if it exists and the caller may see it, its breach measured as of now. */
    public Optional<Ticket> findVisible(String id, Caller caller) {
        return store.find(id)
                .filter(ticket -> policy.mayRead(TYPE, caller, ticket.ownership()))
                .map(this::asOfNow);
    }

    /** The caller's tickets matching the filter; row scope narrows it to an index key. */
    public Page<Ticket> list(TicketFilter filter, PageRequest page, Caller caller) {
        return RowScope.narrow(filter, policy.readScope(TYPE, caller.role()), caller)
                .map(scoped -> store.list(scoped, page).map(this::asOfNow))
                .orElseGet(() -> new Page<>(List.of(), false));
    }

    /**
     * Gives the ticket to an ACTIVE customer service agent or supervisor: an agent takes it
     * themselves, a supervisor hands it within their team. NEW and REOPENED become ASSIGNED.
     */
    public Ticket assign(String id, long expectedVersion, String assigneeId, Caller caller) {
        Ticket current = writable(id, expectedVersion, caller, "assignTicket");
        TicketStatus next = TicketRules.afterAssignment(current.status());
        User assignee = assignee(assigneeId, caller);
        Instant now = clock.instant();
        List<TicketTransition> transitions = transitions(current, next, now);
        Ticket assigned =
                current.toBuilder()
                        .assigneeId(assignee.id())
                        .team(assignee.team() == null ? current.team() : assignee.team())
                        .status(next)
                        .transitions(transitions)
                        .updatedAt(now)
                        .build();
        return save(current, assigned, null, caller, now);
    }

    /** Records something done for the customer; the first one is the ticket's first response. */
    public Ticket addAction(String id, long expectedVersion, String text, Caller caller) {
        String checked = TicketRules.text("text", text, TicketRules.MAX_ACTION);
        Ticket current = writable(id, expectedVersion, caller, "addTicketAction");
        if (current.status() == TicketStatus.CLOSED) {
            throw new ValidationException(
                    new FieldProblem(
                            "status",
                            "transition",
                            "a CLOSED ticket takes no actions; reopen it first",
                            "not CLOSED"));
        }
        Instant now = clock.instant();
        List<TicketAction> actions = new ArrayList<>(current.actions());
        actions.add(new TicketAction(now, caller.userId(), checked));
        Ticket next = responded(current, now).toBuilder().actions(actions).updatedAt(now).build();
        return save(current, next, null, caller, now);
    }

    /** ASSIGNED → PENDING_CUSTOMER: both SLA clocks pause until the customer answers. */
    public Ticket awaitCustomer(String id, long expectedVersion, Caller caller) {
        return move(id, expectedVersion, TicketStatus.PENDING_CUSTOMER, caller, "awaitCustomer");
    }

    /** PENDING_CUSTOMER → ASSIGNED: the customer answered; the clocks run again. */
    public Ticket customerResponded(String id, long expectedVersion, Caller caller) {
        Ticket current = writable(id, expectedVersion, caller, "customerResponded");
        if (current.status() != TicketStatus.PENDING_CUSTOMER) {
            throw new ValidationException(
                    new FieldProblem(
                            "status",
                            "transition",
                            "only a PENDING_CUSTOMER ticket waits for the customer; it is "
                                    + current.status(),
                            TicketStatus.PENDING_CUSTOMER.name()));
        }
        Instant now = clock.instant();
        Ticket next = withStatus(current, TicketStatus.ASSIGNED, now);
        return save(current, next, null, caller, now);
    }

    /**
     * → RESOLVED with what fixed it and whether it worked; the satisfaction survey of this
     * resolution falls due slaPolicy.satisfactionDelayHours later.
     */
    public Ticket resolve(
            String id, long expectedVersion, String resolution, Boolean effective, Caller caller) {
        String checked = TicketRules.text("resolution", resolution, TicketRules.MAX_RESOLUTION);
        Ticket current = writable(id, expectedVersion, caller, "resolveTicket");
        TicketRules.requireTransition(current.status(), TicketStatus.RESOLVED);
        Instant now = clock.instant();
        SlaPolicy sla = config.current(SlaPolicy.DEFINITION);
        Ticket next =
                withStatus(responded(current, now), TicketStatus.RESOLVED, now).toBuilder()
                        .resolution(checked)
                        .effective(effective)
                        .resolutionCount(current.resolutionCount() + 1)
                        .resolvedAt(now)
                        .surveyDueAt(now.plus(sla.satisfactionDelay()))
                        .build();
        return save(
                current,
                next,
                event(next, current.version() + 1, TicketEventKind.RESOLVED, checked, caller, now),
                caller,
                now);
    }

    /** RESOLVED → CLOSED: it no longer escalates; its survey still goes. */
    public Ticket close(String id, long expectedVersion, Caller caller) {
        Ticket current = writable(id, expectedVersion, caller, "closeTicket");
        TicketRules.requireTransition(current.status(), TicketStatus.CLOSED);
        Instant now = clock.instant();
        Ticket next =
                withStatus(current, TicketStatus.CLOSED, now).toBuilder()
                        .closedAt(now)
                        .escalateAt(null)
                        .build();
        return save(
                current,
                next,
                event(next, current.version() + 1, TicketEventKind.CLOSED, null, caller, now),
                caller,
                now);
    }

    /**
     * RESOLVED or CLOSED → REOPENED: the resolution did not hold (effective false), the resolution
     * clock runs on, the pending survey is dropped (the next resolution asks again), and a ticket
     * never escalated escalates as from its opening.
     */
    public Ticket reopen(String id, long expectedVersion, String reason, Caller caller) {
        String checked = TicketRules.text("reason", reason, TicketRules.MAX_ACTION);
        Ticket current = writable(id, expectedVersion, caller, "reopenTicket");
        TicketRules.requireTransition(current.status(), TicketStatus.REOPENED);
        Instant now = clock.instant();
        List<TicketAction> actions = new ArrayList<>(current.actions());
        actions.add(new TicketAction(now, caller.userId(), "Reopened: " + checked));
        Instant escalateAt =
                current.escalatedAt() != null
                        ? null
                        : TicketSla.escalateAt(
                                current.createdAt(),
                                config.current(SlaPolicy.DEFINITION),
                                calendar());
        Ticket next =
                withStatus(current, TicketStatus.REOPENED, now).toBuilder()
                        .actions(actions)
                        .effective(false)
                        .closedAt(null)
                        .surveyDueAt(null)
                        .escalateAt(escalateAt)
                        .build();
        return save(
                current,
                next,
                event(next, current.version() + 1, TicketEventKind.REOPENED, checked, caller, now),
                caller,
                now);
    }

    /**
     * The ticket's category's standard answer and what fixed the latest resolved tickets of the
     * same category (newest first; the ticket itself and resolutions that did not work left out).
     */
    public TicketSuggestions suggestions(String ticketId, Caller caller) {
        Ticket ticket = get(ticketId, caller);
        String answer;
        try {
            answer =
                    config.current(TicketTaxonomy.DEFINITION)
                            .requireLeaf(ticket.category())
                            .standardAnswer();
        } catch (ValidationException categoryRetired) {
            // the taxonomy moved on since the ticket was opened: no standard answer to offer
            answer = null;
        }
        List<TicketSuggestions.Resolved> resolved =
                store.resolvedOfCategory(ticket.category(), SUGGESTION_READ).stream()
                        .filter(other -> !other.id().equals(ticket.id()))
                        .filter(other -> !Boolean.FALSE.equals(other.effective()))
                        .limit(SUGGESTED)
                        .map(TicketSuggestions.Resolved::of)
                        .toList();
        return new TicketSuggestions(ticket.id(), ticket.category(), answer, resolved);
    }

    private Ticket move(
            String id, long expectedVersion, TicketStatus to, Caller caller, String operation) {
        Ticket current = writable(id, expectedVersion, caller, operation);
        TicketRules.requireTransition(current.status(), to);
        Instant now = clock.instant();
        return save(current, withStatus(current, to, now), null, caller, now);
    }

    private static Ticket withStatus(Ticket current, TicketStatus to, Instant now) {
        return current.toBuilder()
                .status(to)
                .transitions(transitions(current, to, now))
                .updatedAt(now)
                .build();
    }

    private static List<TicketTransition> transitions(
            Ticket current, TicketStatus to, Instant now) {
        if (to == current.status()) {
            return current.transitions();
        }
        List<TicketTransition> transitions = new ArrayList<>(current.transitions());
        transitions.add(new TicketTransition(to, now));
        return transitions;
    }

    /** The ticket with its first response recorded at {@code now}, unless it already had one. */
    private static Ticket responded(Ticket current, Instant now) {
        if (current.firstRespondedAt() != null) {
            return current;
        }
        List<TicketTransition> transitions = new ArrayList<>(current.transitions());
        transitions.add(TicketTransition.firstResponse(now));
        return current.toBuilder().firstRespondedAt(now).transitions(transitions).build();
    }

    private Ticket save(
            Ticket current, Ticket next, TicketEvent event, Caller caller, Instant now) {
        Ticket measured =
                TicketSla.measured(next, config.current(SlaPolicy.DEFINITION), calendar(), now);
        return store.replace(current, measured, event, stamp(caller, now));
    }

    /** The stored ticket with a breach that happened since its last write shown (not written). */
    private Ticket asOfNow(Ticket ticket) {
        if (ticket.breached() || ticket.transitions().isEmpty()) {
            return ticket;
        }
        return TicketSla.measured(
                ticket, config.current(SlaPolicy.DEFINITION), calendar(), clock.instant());
    }

    private BusinessCalendar calendar() {
        return config.current(WorkingCalendar.DEFINITION).business();
    }

    private Ticket writable(String id, long expectedVersion, Caller caller, String operation) {
        Ticket current = store.find(id).orElseThrow(() -> new NotFoundException(TYPE, id));
        policy.requireWrite(TYPE, id, caller, current.ownership(), operation);
        if (current.version() != expectedVersion) {
            throw new VersionConflictException(id, expectedVersion, current.version());
        }
        return current;
    }

    /**
     * The assignee: an ACTIVE customer service agent or supervisor; an agent may only take a ticket
     * themselves, a supervisor hand it to someone of their own team.
     */
    private User assignee(String assigneeId, Caller caller) {
        String checked = TicketRules.text("assigneeId", assigneeId, 200);
        Optional<User> found =
                users.findOptional(checked)
                        .filter(user -> user.status() == UserStatus.ACTIVE)
                        .filter(
                                user ->
                                        user.role() == Role.CUSTOMER_SERVICE
                                                || user.role() == Role.SERVICE_SUPERVISOR);
        if (found.isEmpty()) {
            throw new ValidationException(
                    new FieldProblem(
                            "assigneeId",
                            "serviceStaff",
                            checked + " is not an ACTIVE customer service agent or supervisor",
                            "CUSTOMER_SERVICE, SERVICE_SUPERVISOR"));
        }
        User user = found.get();
        if (caller.role() == Role.CUSTOMER_SERVICE && !user.id().equals(caller.userId())) {
            throw new ValidationException(
                    new FieldProblem(
                            "assigneeId",
                            "self",
                            "an agent takes a ticket themselves; their supervisor hands it on",
                            caller.userId()));
        }
        if (caller.role() == Role.SERVICE_SUPERVISOR
                && (caller.team() == null || !caller.team().equals(user.team()))) {
            throw new ValidationException(
                    new FieldProblem(
                            "assigneeId",
                            "sameTeam",
                            "a supervisor hands tickets within their own team " + caller.team(),
                            caller.team()));
        }
        return user;
    }

    /**
     * The team a new ticket belongs to: the service desk member's own who opens it, else the team
     * of the agent who serves the customer.
     */
    private String teamOf(Caller caller, Customer customer) {
        boolean serviceStaff =
                caller.role() == Role.CUSTOMER_SERVICE || caller.role() == Role.SERVICE_SUPERVISOR;
        if (serviceStaff && caller.team() != null) {
            return caller.team();
        }
        if (customer.serviceAgentId() == null) {
            return null;
        }
        return users.findOptional(customer.serviceAgentId()).map(User::team).orElse(null);
    }

    /**
     * The customer a ticket is filed under: the customer itself, or, for a golden id (its own or
     * one absorbed by a merge), the surviving golden customer.
     */
    private Customer goldenCustomer(String customerId, Caller caller) {
        Optional<Customer> direct = customers.findVisible(customerId, caller);
        if (direct.isPresent()) {
            return direct.get();
        }
        try {
            return customers.byGoldenId(customerId, caller);
        } catch (ValidationException | NotFoundException none) {
            throw new NotFoundException(CustomerService.TYPE, customerId);
        }
    }

    private static TicketEvent event(
            Ticket ticket,
            long version,
            TicketEventKind kind,
            String detail,
            Caller caller,
            Instant now) {
        return new TicketEvent(
                ticket.id(),
                version,
                ticket.customerId(),
                kind,
                ticket.category(),
                now,
                caller.userId(),
                detail);
    }

    private static WriteStamp stamp(Caller caller, Instant now) {
        return WriteStamp.of(caller, now);
    }
}
