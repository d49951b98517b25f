package org.opencrm.core.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;

/** The escalation and survey sweep with a fixed clock, on DynamoDB Local. */
class TicketSweepTest {

    private final TicketFixture fixture = new TicketFixture();
    private final TicketService tickets = fixture.tickets;
    private final TicketSweep sweep = fixture.services.tickets().sweep();

    private List<Notification> inbox(String recipientId, NotificationKind kind) {
        return fixture
                .services
                .outbox()
                .inbox(recipientId, false, PageRequest.of(50, null))
                .entries()
                .stream()
                .map(Page.Entry::item)
                .filter(notification -> notification.kind() == kind)
                .toList();
    }

    @Test
    void aTicketOpenFor25Hours_escalatesToTheTeamsSupervisorOnce_howeverOftenTheSweepRuns() {
        // GIVEN a ticket left open; 23 h later nothing is due
        Ticket opened = fixture.assigned();
        fixture.clock.advance(Duration.ofHours(23));
        sweep.sweep();
        assertTrue(inbox(fixture.supervisor.userId(), NotificationKind.TICKET_ESCALATED).isEmpty());

        // WHEN the sweep runs at 25 h, twice
        fixture.clock.advance(Duration.ofHours(2));
        sweep.sweep();
        sweep.sweep();

        // THEN the supervisor was told once, and the ticket knows when
        List<Notification> told =
                inbox(fixture.supervisor.userId(), NotificationKind.TICKET_ESCALATED);
        assertEquals(1, told.size());
        assertEquals(opened.id(), told.get(0).payload().get("ticketId"));
        assertNotNull(tickets.get(opened.id(), fixture.agent).escalatedAt());
    }

    @Test
    void aTicketClosedWithin24Hours_neverEscalates() {
        Ticket assigned = fixture.assigned();
        Ticket resolved =
                tickets.resolve(assigned.id(), 2, "restarted the router", true, fixture.agent);
        tickets.close(resolved.id(), resolved.version(), fixture.agent);

        fixture.clock.advance(Duration.ofHours(25));
        sweep.sweep();

        assertTrue(inbox(fixture.supervisor.userId(), NotificationKind.TICKET_ESCALATED).isEmpty());
    }

    @Test
    void aResolution_sendsOneSatisfactionSms48HoursLater_andAReResolutionAsksAgain() {
        // GIVEN a resolved ticket
        Ticket assigned = fixture.assigned();
        Ticket resolved = tickets.resolve(assigned.id(), 2, "清理缓存", true, fixture.agent);
        String customer = "customer:" + fixture.customer.id();

        // WHEN 47 h pass nothing is sent; at 49 h one SMS, however often the sweep runs
        fixture.clock.advance(Duration.ofHours(47));
        sweep.sweep();
        assertTrue(inbox(customer, NotificationKind.SATISFACTION_SURVEY).isEmpty());
        fixture.clock.advance(Duration.ofHours(2));
        sweep.sweep();
        sweep.sweep();
        List<Notification> surveys = inbox(customer, NotificationKind.SATISFACTION_SURVEY);
        assertEquals(1, surveys.size());
        assertEquals(fixture.customer.fields().phone(), surveys.get(0).payload().get("phone"));

        // WHEN it is reopened and resolved again, 48 h later a second survey goes
        Ticket current = tickets.get(resolved.id(), fixture.agent);
        Ticket reopened = tickets.reopen(current.id(), current.version(), "again", fixture.agent);
        Ticket reassigned =
                tickets.assign(
                        reopened.id(), reopened.version(), fixture.agent.userId(), fixture.agent);
        tickets.resolve(reassigned.id(), reassigned.version(), "换浏览器", true, fixture.agent);
        fixture.clock.advance(Duration.ofHours(49));
        sweep.sweep();
        sweep.sweep();

        assertEquals(2, inbox(customer, NotificationKind.SATISFACTION_SURVEY).size());
    }
}
