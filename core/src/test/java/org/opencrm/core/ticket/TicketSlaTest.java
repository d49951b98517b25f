package org.opencrm.core.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.calendar.BusinessCalendar;
import org.opencrm.core.calendar.WorkingCalendar;

/**
 * The SLA mapping of ticket statuses to clocks, in business time on the default calendar (09:00 -
 * 12:00 and 13:30 - 18:00 in Shanghai, China's 2026 holidays). Expected instants are worked out by
 * hand in the comments.
 */
class TicketSlaTest {

    private static final BusinessCalendar CALENDAR =
            WorkingCalendar.DEFINITION.defaults().business();
    private static final SlaPolicy POLICY = SlaPolicy.defaults();

    private static Instant shanghai(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
    }

    private static Ticket opened(TicketPriority priority, Instant at) {
        return Ticket.builder()
                .id("t-1")
                .customerId("c-1")
                .channel(TicketChannel.CALL)
                .category(List.of("a", "b", "c"))
                .priority(priority)
                .status(TicketStatus.NEW)
                .transitions(List.of(new TicketTransition(TicketStatus.NEW, at)))
                .createdAt(at)
                .build();
    }

    private static Ticket then(Ticket ticket, TicketStatus status, Instant at) {
        List<TicketTransition> transitions = new ArrayList<>(ticket.transitions());
        transitions.add(new TicketTransition(status, at));
        return ticket.toBuilder().status(status).transitions(transitions).build();
    }

    @Test
    void aP2TicketOpenedMondayAt9_isDueForAnswerAt10_andForResolutionTuesdayAt930() {
        // 2026-03-02 is a Monday; 60 business minutes from 09:00 is 10:00; 8 h: Monday holds 7.5
        // h (to 18:00), the last 0.5 h is Tuesday 09:00-09:30
        Ticket ticket = opened(TicketPriority.P2, shanghai("2026-03-02T09:00"));

        Ticket measured =
                TicketSla.measured(ticket, POLICY, CALENDAR, shanghai("2026-03-02T09:01"));

        assertEquals(shanghai("2026-03-02T10:00"), measured.firstResponseDueAt());
        assertEquals(shanghai("2026-03-03T09:30"), measured.resolutionDueAt());
        assertFalse(measured.breached());
    }

    @Test
    void pendingCustomer_pausesBothClocks_andTheDeadlineMovesByTheBusinessTimeWaited() {
        // GIVEN a P2 ticket opened Monday 09:00, assigned at once, waiting for the customer from
        // 09:30 (0.5 h of both clocks used) until Tuesday 10:00
        Ticket ticket = opened(TicketPriority.P2, shanghai("2026-03-02T09:00"));
        ticket = then(ticket, TicketStatus.ASSIGNED, shanghai("2026-03-02T09:00"));
        ticket = then(ticket, TicketStatus.PENDING_CUSTOMER, shanghai("2026-03-02T09:30"));

        // WHILE paused, neither deadline is known
        Ticket waiting = TicketSla.measured(ticket, POLICY, CALENDAR, shanghai("2026-03-02T15:00"));
        assertNull(waiting.firstResponseDueAt());
        assertNull(waiting.resolutionDueAt());

        // WHEN the customer answers on Tuesday at 10:00
        ticket = then(ticket, TicketStatus.ASSIGNED, shanghai("2026-03-03T10:00"));
        Ticket resumed = TicketSla.measured(ticket, POLICY, CALENDAR, shanghai("2026-03-03T10:01"));

        // THEN the first response has 0.5 h left: 10:30; resolution 7.5 h left: Tuesday 10:00 -
        // 12:00 and 13:30 - 18:00 is 6.5 h, the last hour Wednesday 09:00 - 10:00
        assertEquals(shanghai("2026-03-03T10:30"), resumed.firstResponseDueAt());
        assertEquals(shanghai("2026-03-04T10:00"), resumed.resolutionDueAt());
    }

    @Test
    void aTicketOpenedFridayAt17BeforeQingming_isDueAfterTheHoliday() {
        // 2026-04-03 is a Friday; 4 - 6 April is 清明节. P3: 2 h to answer = Friday 17:00 - 18:00
        // and Tuesday 09:00 - 10:00; 24 h to resolve = Friday 1 h, Tuesday, Wednesday and
        // Thursday 7.5 h each (23.5 h), Friday 10 April 09:00 - 09:30
        Ticket ticket = opened(TicketPriority.P3, shanghai("2026-04-03T17:00"));

        Ticket measured =
                TicketSla.measured(ticket, POLICY, CALENDAR, shanghai("2026-04-03T17:00"));

        assertEquals(shanghai("2026-04-07T10:00"), measured.firstResponseDueAt());
        assertEquals(shanghai("2026-04-10T09:30"), measured.resolutionDueAt());
    }

    @Test
    void aBreach_staysBreached_afterTheTicketIsResolved() {
        // GIVEN a P1 ticket (30 min to answer) answered only after 45 business minutes
        Ticket ticket = opened(TicketPriority.P1, shanghai("2026-03-02T09:00"));
        Ticket late = TicketSla.measured(ticket, POLICY, CALENDAR, shanghai("2026-03-02T09:45"));
        assertTrue(late.breached());

        // WHEN it is answered and resolved
        List<TicketTransition> transitions = new ArrayList<>(late.transitions());
        transitions.add(TicketTransition.firstResponse(shanghai("2026-03-02T09:45")));
        Ticket answered = late.toBuilder().transitions(transitions).build();
        Ticket resolved = then(answered, TicketStatus.ASSIGNED, shanghai("2026-03-02T09:46"));
        resolved = then(resolved, TicketStatus.RESOLVED, shanghai("2026-03-02T09:50"));

        // THEN the breach stays; both clocks are stopped: no deadline
        Ticket measured =
                TicketSla.measured(resolved, POLICY, CALENDAR, shanghai("2026-03-02T10:00"));
        assertTrue(measured.breached());
        assertNull(measured.firstResponseDueAt());
        assertNull(measured.resolutionDueAt());
    }

    @Test
    void reopening_restartsTheResolutionClock_onTopOfTheTimeItRan() {
        // GIVEN a P2 ticket resolved after 1 business hour, reopened Tuesday 09:00
        Ticket ticket = opened(TicketPriority.P2, shanghai("2026-03-02T09:00"));
        ticket = then(ticket, TicketStatus.ASSIGNED, shanghai("2026-03-02T09:00"));
        ticket = then(ticket, TicketStatus.RESOLVED, shanghai("2026-03-02T10:00"));
        ticket = then(ticket, TicketStatus.REOPENED, shanghai("2026-03-03T09:00"));

        Ticket measured =
                TicketSla.measured(ticket, POLICY, CALENDAR, shanghai("2026-03-03T09:00"));

        // THEN 7 of its 8 hours are left: Tuesday 09:00 - 12:00 and 13:30 - 17:30
        assertEquals(shanghai("2026-03-03T17:30"), measured.resolutionDueAt());
    }

    @Test
    void escalation_countsCalendarHoursByDefault_andBusinessHoursWhenConfigured() {
        Instant friday17 = shanghai("2026-04-03T17:00");

        assertEquals(
                shanghai("2026-04-04T17:00"), TicketSla.escalateAt(friday17, POLICY, CALENDAR));

        SlaPolicy business = new SlaPolicy(POLICY.targets(), 24, EscalationBasis.BUSINESS, 48);
        // 24 business hours as the P3 resolution above: Friday 10 April 09:30
        assertEquals(
                shanghai("2026-04-10T09:30"), TicketSla.escalateAt(friday17, business, CALENDAR));
    }
}
