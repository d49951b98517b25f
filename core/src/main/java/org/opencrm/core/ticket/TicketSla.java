package org.opencrm.core.ticket;

import java.time.Instant;
import java.util.List;
import org.opencrm.core.calendar.BusinessCalendar;
import org.opencrm.core.calendar.SlaClock;
import org.opencrm.core.calendar.SlaClock.State;
import org.opencrm.core.calendar.TimeBasis;

/**
 * A ticket's two SLA clocks, replayed from its transitions: pure, no I/O.
 *
 * <ul>
 *   <li>Both start when the ticket opens and run in business time (the workingCalendar's hours).
 *   <li>PENDING_CUSTOMER pauses both; leaving it (back to ASSIGNED, or resolved) resumes them.
 *   <li>The first-response clock stops at the first response (an action, or the resolution).
 *   <li>The resolution clock stops at RESOLVED (and CLOSED); REOPENED restarts it on top of the
 *       time it already ran.
 * </ul>
 *
 * A breach, once seen, is stored with the ticket and stays.
 */
public final class TicketSla {

    private TicketSla() {}

    /** The two clocks as the transitions leave them. */
    public record Clocks(SlaClock firstResponse, SlaClock resolution) {}

    public static Clocks replay(List<TicketTransition> transitions) {
        if (transitions.isEmpty()) {
            throw new IllegalArgumentException("a ticket has at least its opening");
        }
        Instant openedAt = transitions.get(0).at();
        SlaClock response = SlaClock.start(openedAt);
        SlaClock resolution = SlaClock.start(openedAt);
        for (TicketTransition transition : transitions.subList(1, transitions.size())) {
            Instant at = transition.at();
            if (transition.isFirstResponse()) {
                response = stop(response, at);
                continue;
            }
            response = step(response, transition.status(), at, false);
            resolution = step(resolution, transition.status(), at, true);
        }
        return new Clocks(response, resolution);
    }

    private static SlaClock step(
            SlaClock clock, TicketStatus entered, Instant at, boolean resolutionClock) {
        return switch (entered) {
            case PENDING_CUSTOMER -> clock.state() == State.RUNNING ? clock.pause(at) : clock;
            case ASSIGNED -> clock.state() == State.PAUSED ? clock.resume(at) : clock;
            case RESOLVED, CLOSED -> stop(clock, at);
            case REOPENED ->
                    resolutionClock && clock.state() == State.STOPPED ? clock.restart(at) : clock;
            case NEW -> clock;
        };
    }

    private static SlaClock stop(SlaClock clock, Instant at) {
        return clock.state() == State.STOPPED ? clock : clock.stop(at);
    }

    /**
     * The ticket with its due times and breach as of {@code now}: a due time is null while its
     * clock is paused or stopped short of the target; the breach only ever turns true.
     */
    public static Ticket measured(
            Ticket ticket, SlaPolicy policy, BusinessCalendar calendar, Instant now) {
        Clocks clocks = replay(ticket.transitions());
        SlaPolicy.Targets targets = policy.targetsOf(ticket.priority());
        boolean breached =
                ticket.breached()
                        || clocks.firstResponse()
                                .breached(
                                        targets.firstResponse(), now, calendar, TimeBasis.BUSINESS)
                        || clocks.resolution()
                                .breached(targets.resolution(), now, calendar, TimeBasis.BUSINESS);
        return ticket.toBuilder()
                .firstResponseDueAt(
                        dueWhileCounting(clocks.firstResponse(), targets, true, calendar))
                .resolutionDueAt(dueWhileCounting(clocks.resolution(), targets, false, calendar))
                .breached(breached)
                .build();
    }

    private static Instant dueWhileCounting(
            SlaClock clock,
            SlaPolicy.Targets targets,
            boolean firstResponse,
            BusinessCalendar cal) {
        if (clock.state() == State.STOPPED) {
            return null;
        }
        return clock.dueAt(
                        firstResponse ? targets.firstResponse() : targets.resolution(),
                        cal,
                        TimeBasis.BUSINESS)
                .orElse(null);
    }

    /** When a ticket opened at {@code openedAt} escalates unless closed first. */
    public static Instant escalateAt(
            Instant openedAt, SlaPolicy policy, BusinessCalendar calendar) {
        return policy.escalationBasis() == EscalationBasis.BUSINESS
                ? calendar.plusBusinessTime(openedAt, policy.escalateAfter())
                : openedAt.plus(policy.escalateAfter());
    }
}
