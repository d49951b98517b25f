package org.opencrm.core.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.ForbiddenException;
import org.opencrm.core.access.Role;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.timeline.TimelineEntry;

/** Ticket use cases on the real embedded DynamoDB Local engine. */
class TicketServiceTest {

    private final TicketFixture fixture = new TicketFixture();
    private final TicketService tickets = fixture.tickets;

    private static List<String> ids(Page<Ticket> page) {
        return page.entries().stream().map(entry -> entry.item().id()).toList();
    }

    @Test
    void openTicket_byTheGoldenId_isFiledUnderTheCustomer_withBusinessHourDeadlines() {
        // WHEN the agent opens a P2 ticket naming the customer by its golden id, Monday 09:00
        Ticket opened =
                tickets.open(
                        new TicketInput(
                                fixture.customer.goldenId(),
                                TicketChannel.WECOM,
                                TicketFixture.WECHAT_PAY,
                                TicketPriority.P2,
                                "  微信里付不了款 "),
                        fixture.agent);

        // THEN it is the customer's, NEW, version 1, due for an answer at 10:00 and for a
        // resolution Tuesday 09:30 (7.5 business hours a day), escalating 24 h later
        Ticket read = tickets.get(opened.id(), fixture.agent);
        assertEquals(fixture.customer.id(), read.customerId());
        assertEquals(fixture.customer.goldenId(), read.goldenId());
        assertEquals(TicketStatus.NEW, read.status());
        assertEquals(1, read.version());
        assertEquals("微信里付不了款", read.customerWords());
        assertEquals(fixture.team, read.team());
        assertEquals(
                OffsetDateTime.parse("2026-03-02T10:00+08:00").toInstant(),
                read.firstResponseDueAt());
        assertEquals(
                OffsetDateTime.parse("2026-03-03T09:30+08:00").toInstant(), read.resolutionDueAt());
        assertEquals(TicketFixture.MONDAY_9.plus(Duration.ofHours(24)), read.escalateAt());
        assertFalse(read.breached());
    }

    @Test
    void openTicket_withACategoryOutsideTheTaxonomy_isBadUserInput_namingTheLevelAndTheChoices() {
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () ->
                                tickets.open(
                                        new TicketInput(
                                                fixture.customer.id(),
                                                TicketChannel.CALL,
                                                List.of("技术故障", "H5支付", "安卓闪退"),
                                                null,
                                                "app crashes"),
                                        fixture.agent));

        FieldProblem problem = refused.problems().get(0);
        assertEquals("category[2]", problem.field());
        assertEquals("taxonomy", problem.rule());
        assertEquals(List.of("微信浏览器兼容", "支付宝跳转失败"), problem.limit());
    }

    @Test
    void anAgentWhoNeitherServesNorHoldsTheTicket_doesNotSeeIt_theTeamsSupervisorReassignsIt() {
        // GIVEN a ticket of a customer the agent serves, and a second agent of the same team
        Ticket opened = fixture.open(TicketPriority.P3);
        Caller colleague =
                TestOrg.member(fixture.services, Role.CUSTOMER_SERVICE, null, fixture.team);
        Caller otherSupervisor =
                TestOrg.member(
                        fixture.services, Role.SERVICE_SUPERVISOR, null, TestOrg.uniqueTeam());

        // THEN the colleague and another team's supervisor do not see it; a rep may not work it
        assertThrows(NotFoundException.class, () -> tickets.get(opened.id(), colleague));
        assertThrows(NotFoundException.class, () -> tickets.get(opened.id(), otherSupervisor));
        assertThrows(NotFoundException.class, () -> tickets.get(opened.id(), fixture.rep));

        // WHEN the team's supervisor hands it to the colleague
        Ticket handed =
                tickets.assign(
                        opened.id(), opened.version(), colleague.userId(), fixture.supervisor);

        // THEN it is assigned to them and they now see it; the serving agent still does
        assertEquals(TicketStatus.ASSIGNED, handed.status());
        assertEquals(colleague.userId(), tickets.get(opened.id(), colleague).assigneeId());
        assertEquals(2, tickets.get(opened.id(), fixture.agent).version());
    }

    @Test
    void anAgent_takesTicketsThemselves_andASupervisor_handsThemOnlyWithinTheTeam() {
        Ticket opened = fixture.open(TicketPriority.P3);
        Caller colleague =
                TestOrg.member(fixture.services, Role.CUSTOMER_SERVICE, null, fixture.team);
        Caller stranger =
                TestOrg.member(fixture.services, Role.CUSTOMER_SERVICE, null, TestOrg.uniqueTeam());

        ValidationException notSelf =
                assertThrows(
                        ValidationException.class,
                        () -> tickets.assign(opened.id(), 1, colleague.userId(), fixture.agent));
        assertEquals("self", notSelf.problems().get(0).rule());
        ValidationException otherTeam =
                assertThrows(
                        ValidationException.class,
                        () ->
                                tickets.assign(
                                        opened.id(), 1, stranger.userId(), fixture.supervisor));
        assertEquals("sameTeam", otherTeam.problems().get(0).rule());
        ValidationException aRep =
                assertThrows(
                        ValidationException.class,
                        () ->
                                tickets.assign(
                                        opened.id(), 1, fixture.rep.userId(), fixture.supervisor));
        assertEquals("serviceStaff", aRep.problems().get(0).rule());
    }

    @Test
    void aWriteOnAnOldVersion_isAVersionConflict_andChangesNothing() {
        Ticket assigned = fixture.assigned();

        assertThrows(
                VersionConflictException.class,
                () ->
                        tickets.resolve(
                                assigned.id(),
                                assigned.version() - 1,
                                "cleared cache",
                                true,
                                fixture.agent));

        assertEquals(TicketStatus.ASSIGNED, tickets.get(assigned.id(), fixture.agent).status());
    }

    @Test
    void resolvingANewTicket_isBadUserInput_theStatusMachineSaysAssignFirst() {
        Ticket opened = fixture.open(TicketPriority.P3);

        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () -> tickets.resolve(opened.id(), 1, "done", true, fixture.agent));

        assertEquals("status", refused.problems().get(0).field());
        assertEquals("transition", refused.problems().get(0).rule());
    }

    @Test
    void directors_readTickets_butMayNotChangeThem() {
        Ticket opened = fixture.open(TicketPriority.P3);
        Caller director = TestOrg.member(fixture.services, Role.OPS_DIRECTOR, null, null);

        assertEquals(opened.id(), tickets.get(opened.id(), director).id());
        assertThrows(
                ForbiddenException.class,
                () -> tickets.addAction(opened.id(), 1, "called back", director));
    }

    @Test
    void theWholeLife_pendingPausesTheClocks_resolutionAndReopeningAreRecorded() {
        // GIVEN an assigned P2 ticket; the agent asks the customer for a screenshot at 09:30
        Ticket assigned = fixture.assigned();
        fixture.clock.advance(Duration.ofMinutes(30));
        Ticket asked = tickets.addAction(assigned.id(), 2, "asked for a screenshot", fixture.agent);
        Ticket waiting = tickets.awaitCustomer(asked.id(), asked.version(), fixture.agent);
        assertEquals(TicketStatus.PENDING_CUSTOMER, waiting.status());
        assertNull(waiting.resolutionDueAt());
        assertEquals(
                TicketFixture.MONDAY_9.plus(Duration.ofMinutes(30)), waiting.firstRespondedAt());

        // WHEN the customer answers Tuesday 10:00 and the agent resolves it then
        fixture.clock.advance(Duration.ofMinutes(24 * 60 + 30));
        Ticket back = tickets.customerResponded(waiting.id(), waiting.version(), fixture.agent);
        // 0.5 h used, 7.5 h left from Tuesday 10:00: 6.5 h Tuesday, Wednesday 09:00 - 10:00
        assertEquals(
                OffsetDateTime.parse("2026-03-04T10:00+08:00").toInstant(), back.resolutionDueAt());
        Ticket resolved =
                tickets.resolve(back.id(), back.version(), "清理缓存后可以支付", true, fixture.agent);

        // THEN it is RESOLVED once, its survey due 48 h later; reopening drops that survey
        assertEquals(TicketStatus.RESOLVED, resolved.status());
        assertEquals(1, resolved.resolutionCount());
        assertEquals(fixture.clock.instant().plus(Duration.ofDays(2)), resolved.surveyDueAt());
        Ticket reopened =
                tickets.reopen(resolved.id(), resolved.version(), "still failing", fixture.agent);
        assertEquals(TicketStatus.REOPENED, reopened.status());
        assertEquals(false, reopened.effective());
        assertNull(reopened.surveyDueAt());
        assertEquals(2, reopened.actions().size());
    }

    @Test
    void lists_areScoped_agentsByWhatTheyServeOrHold_supervisorsByTeamAndStatus_withCursors() {
        Ticket first = fixture.open(TicketPriority.P3);
        fixture.clock.advance(Duration.ofMinutes(1));
        Ticket second = fixture.assigned();

        // the customer's tickets, newest first, one per page with a cursor
        Page<Ticket> page1 =
                tickets.list(
                        TicketFilter.builder().customerId(fixture.customer.id()).build(),
                        PageRequest.of(1, null),
                        fixture.agent);
        assertEquals(List.of(second.id()), ids(page1));
        assertTrue(page1.hasNextPage());
        Page<Ticket> page2 =
                tickets.list(
                        TicketFilter.builder().customerId(fixture.customer.id()).build(),
                        PageRequest.of(1, page1.endCursor()),
                        fixture.agent);
        assertEquals(List.of(first.id()), ids(page2));

        // the supervisor's queue: the team's NEW tickets
        Page<Ticket> fresh =
                tickets.list(
                        TicketFilter.builder().status(TicketStatus.NEW).build(),
                        PageRequest.of(10, null),
                        fixture.supervisor);
        assertEquals(List.of(first.id()), ids(fresh));

        // the agent's own: assigned to them
        Page<Ticket> mine =
                tickets.list(
                        TicketFilter.builder().assigneeId(fixture.agent.userId()).build(),
                        PageRequest.of(10, null),
                        fixture.agent);
        assertEquals(List.of(second.id()), ids(mine));

        // a rep lists none
        assertTrue(
                tickets.list(TicketFilter.NONE, PageRequest.of(10, null), fixture.rep)
                        .entries()
                        .isEmpty());
    }

    @Test
    void suggestions_offerTheStandardAnswer_andTheLatestThreeResolutionsThatWorked() {
        // GIVEN four resolved tickets of the category (the newest did not work) and an open one
        String category = String.join("/", TicketFixture.WECHAT_PAY);
        for (int i = 1; i <= 4; i++) {
            Ticket assigned = fixture.assigned();
            fixture.clock.advance(Duration.ofMinutes(1));
            tickets.resolve(assigned.id(), 2, "fix " + i, i != 4, fixture.agent);
        }
        Ticket open = fixture.open(TicketPriority.P3);

        // WHEN the agent asks for suggestions
        TicketSuggestions suggestions = tickets.suggestions(open.id(), fixture.agent);

        // THEN the leaf's standard answer, and fixes 3, 2, 1 (newest first; other tests' tickets
        // of the same category come first only if newer than this test's fixed clock)
        assertTrue(suggestions.standardAnswer().contains("微信"), category);
        List<String> fixes =
                suggestions.resolved().stream()
                        .map(TicketSuggestions.Resolved::resolution)
                        .toList();
        assertEquals(3, fixes.size());
        assertFalse(fixes.contains("fix 4"));
    }

    @Test
    void theCustomersTimeline_showsTheTicketOpenedAndResolved() {
        Ticket assigned = fixture.assigned();
        fixture.clock.advance(Duration.ofMinutes(5));
        tickets.resolve(assigned.id(), 2, "清理缓存后可以支付", true, fixture.agent);

        List<TimelineEntry> entries =
                fixture
                        .services
                        .timeline()
                        .of(fixture.customer.id(), PageRequest.of(10, null), fixture.rep)
                        .entries()
                        .stream()
                        .map(Page.Entry::item)
                        .filter(entry -> entry.kind().startsWith("TICKET_"))
                        .toList();

        assertEquals(
                List.of("TICKET_RESOLVED", "TICKET_OPENED"),
                entries.stream().map(TimelineEntry::kind).toList());
        assertEquals("清理缓存后可以支付", entries.get(0).detail());
        assertEquals(assigned.id(), entries.get(1).entityId());
    }
}
