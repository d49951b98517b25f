package org.opencrm.core.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.calendar.WorkingCalendar;
import org.opencrm.core.config.ConfigService;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.notify.NotificationOutbox;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserFilter;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.UserStatus;

/**
 * The ticket sweep (R-25, every 5 minutes): reads the tickets due from the sparse escalation and
 * survey indexes (never a scan), re-reads each one and
 *
 * <ul>
 *   <li>escalates a ticket still not CLOSED to the ACTIVE service supervisors of its team (the
 *       admins when the team has none, so it is not lost): {@code TICKET_ESCALATED}, once;
 *   <li>sends the customer the satisfaction SMS of the ticket's latest resolution through the
 *       notifications outbox ({@code SATISFACTION_SURVEY}, recipient {@code customer:<id>}, the
 *       phone in the payload as the SMS channel expects), once per resolution;
 * </ul>
 *
 * then takes the ticket off that list with a version-checked write. Each notification's id comes
 * from the ticket (and the resolution's number), and is written before the list is cleared: a sweep
 * that crashed between the two, or two overlapping sweeps, notify once.
 */
public final class TicketSweep {

    public static final String SYSTEM = "system:ticket-sweep";
    private static final int BATCH = 500;
    // the sweep reads the customer's phone as a system step, not as any user
    private static final Caller SWEEPER =
            Caller.builder().userId(SYSTEM).role(Role.ADMIN).requestId(SYSTEM).build();

    private final TicketStore store;
    private final CustomerService customers;
    private final UserService users;
    private final NotificationOutbox outbox;
    private final ConfigService config;
    private final Clock clock;

    /** Everything the sweep reads and writes; named, so two of one type cannot be swapped. */
    public record Parts(
            TicketStore store,
            CustomerService customers,
            UserService users,
            NotificationOutbox outbox,
            ConfigService config,
            Clock clock) {}

    public TicketSweep(Parts parts) {
        this.store = parts.store();
        this.customers = parts.customers();
        this.users = parts.users();
        this.outbox = parts.outbox();
        this.config = parts.config();
        this.clock = parts.clock();
    }

    /** What one sweep did: tickets escalated, surveys sent, notifications written. */
    public record Sweep(int escalated, int surveyed, int notified) {

        public Map<String, Integer> counts() {
            return Map.of("escalated", escalated, "surveyed", surveyed, "notified", notified);
        }
    }

    public Sweep sweep() {
        Instant now = clock.instant();
        int escalated = 0;
        int surveyed = 0;
        int notified = 0;
        for (String id : store.escalationsDue(now, BATCH)) {
            int written = escalate(id, now);
            escalated += written >= 0 ? 1 : 0;
            notified += Math.max(0, written);
        }
        for (String id : store.surveysDue(now, BATCH)) {
            int written = survey(id, now);
            surveyed += written >= 0 ? 1 : 0;
            notified += Math.max(0, written);
        }
        return new Sweep(escalated, surveyed, notified);
    }

    /** Notifications written (0 for a repeat), or -1 when the ticket was not escalated. */
    private int escalate(String id, Instant now) {
        Optional<Ticket> read = store.find(id);
        if (read.isEmpty()
                || read.get().escalateAt() == null
                || read.get().escalateAt().isAfter(now)) {
            return -1;
        }
        Ticket ticket = read.get();
        if (ticket.status() == TicketStatus.CLOSED || ticket.escalatedAt() != null) {
            clear(ticket, ticket.toBuilder().escalateAt(null).build(), now);
            return -1;
        }
        int written = 0;
        for (String recipient : supervisorsOf(ticket.team())) {
            written += outbox.send(escalation(ticket, recipient, now)) ? 1 : 0;
        }
        clear(ticket, ticket.toBuilder().escalateAt(null).escalatedAt(now).build(), now);
        return written;
    }

    /** Notifications written (0 for a repeat), or -1 when no survey went. */
    private int survey(String id, Instant now) {
        Optional<Ticket> read = store.find(id);
        if (read.isEmpty()
                || read.get().surveyDueAt() == null
                || read.get().surveyDueAt().isAfter(now)) {
            return -1;
        }
        Ticket ticket = read.get();
        boolean resolved =
                ticket.status() == TicketStatus.RESOLVED || ticket.status() == TicketStatus.CLOSED;
        Optional<String> phone =
                customers
                        .findVisible(ticket.customerId(), SWEEPER)
                        .map(Customer::fields)
                        .map(fields -> fields.phone());
        int written = 0;
        if (resolved && phone.isPresent()) {
            written = outbox.send(surveySms(ticket, phone.get(), now)) ? 1 : 0;
        }
        clear(ticket, ticket.toBuilder().surveyDueAt(null).build(), now);
        return resolved && phone.isPresent() ? written : -1;
    }

    /** One resolution of one ticket: the same for every sweep that finds it. */
    static String surveyCause(Ticket ticket) {
        return ticket.id() + "#resolution-" + ticket.resolutionCount();
    }

    private Notification escalation(Ticket ticket, String recipient, Instant now) {
        String category = String.join(" / ", ticket.category());
        return Notification.of(
                ticket.id(),
                recipient,
                NotificationKind.TICKET_ESCALATED,
                "Ticket not closed within 24 h",
                "Ticket "
                        + ticket.id()
                        + " ("
                        + category
                        + ", "
                        + ticket.priority()
                        + ", "
                        + ticket.status()
                        + ") opened at "
                        + ticket.createdAt()
                        + " is not closed yet",
                Map.of(
                        "ticketId", ticket.id(),
                        "customerId", ticket.customerId(),
                        "status", ticket.status().name()),
                now);
    }

    private static Notification surveySms(Ticket ticket, String phone, Instant now) {
        return Notification.of(
                surveyCause(ticket),
                "customer:" + ticket.customerId(),
                NotificationKind.SATISFACTION_SURVEY,
                "SMS",
                "您好，您反馈的问题已处理完毕。请回复 1-5 为本次服务打分（5 为非常满意），感谢您的支持！",
                Map.of(
                        "ticketId", ticket.id(),
                        "customerId", ticket.customerId(),
                        "resolution", String.valueOf(ticket.resolutionCount()),
                        "phone", phone,
                        "channel", "SMS"),
                now);
    }

    private List<String> supervisorsOf(String team) {
        if (team != null) {
            List<String> supervisors =
                    users
                            .everyone(
                                    new UserFilter(
                                            Role.SERVICE_SUPERVISOR, null, team, UserStatus.ACTIVE))
                            .stream()
                            .map(User::id)
                            .toList();
            if (!supervisors.isEmpty()) {
                return supervisors;
            }
        }
        return users.activeWithRole(Role.ADMIN).stream().map(User::id).toList();
    }

    /**
     * Takes the ticket off a due list; a ticket written meanwhile stays on it and the next sweep
     * looks again (its notifications are already once-only).
     */
    private void clear(Ticket current, Ticket next, Instant now) {
        Ticket measured =
                TicketSla.measured(
                        next.toBuilder().updatedAt(now).build(),
                        config.current(SlaPolicy.DEFINITION),
                        config.current(WorkingCalendar.DEFINITION).business(),
                        now);
        try {
            store.replace(
                    current,
                    measured,
                    null,
                    new WriteStamp(SYSTEM, SYSTEM + ":" + current.id(), null, now));
        } catch (VersionConflictException movedOn) {
            // the next sweep re-reads it
        }
    }
}
