package org.opencrm.core.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.ForbiddenException;
import org.opencrm.core.access.Role;
import org.opencrm.core.audit.AuditEntry;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.TestOrg;

/** logActivity / updateActivity over DynamoDB Local: scope, bounds, tags, timeline, audit. */
class ActivityServiceTest {

    private final ActivityFixture fx = new ActivityFixture();
    private final ActivityService service = fx.activities.service();

    @Test
    void loggingAnActivity_isTheRepsLatestWork_forTheIdleWatch_andAnOlderOneDoesNotMoveItBack() {
        Customer customer = fx.customer();
        Activity now = fx.log(customer, "回访，客户满意");

        service.log(
                ActivityInput.builder()
                        .customerId(customer.id())
                        .kind(ActivityKind.NOTE)
                        .body("补记上周的拜访")
                        .occurredAt(fx.clock.instant().minus(Duration.ofDays(7)))
                        .build(),
                fx.rep);

        assertEquals(
                now.occurredAt(),
                fx.services.repActivity().find(fx.rep.userId()).orElseThrow().lastActivityAt());
    }

    @Test
    void anActivityOnACustomer_isTaggedWhenWritten_andTheTimelineIsNewestFirstByOccurredAt() {
        // GIVEN a customer with a call logged an hour ago, then a note now
        Customer customer = fx.customer();
        Activity earlier =
                service.log(
                        ActivityInput.builder()
                                .customerId(customer.id())
                                .kind(ActivityKind.CALL)
                                .body("客户要报价和参数")
                                .occurredAt(fx.clock.instant().minus(Duration.ofHours(1)))
                                .durationSeconds(300)
                                .build(),
                        fx.rep);
        Activity later = fx.log(customer, "发了资料");

        // WHEN the customer's activities are read
        Page<Activity> timeline =
                service.ofCustomer(customer.id(), PageRequest.of(10, null), fx.rep);

        // THEN the later one first; the call carries its tag and the actor; occurredAt defaulted
        assertEquals(
                List.of(later.id(), earlier.id()),
                timeline.entries().stream().map(entry -> entry.item().id()).toList());
        Activity call = timeline.entries().get(1).item();
        assertEquals(List.of(new TagMatch("PRICE_INQUIRY", "报价")), call.tags());
        assertEquals(fx.rep.userId(), call.actorId());
        assertEquals(customer.goldenId(), call.goldenId());
        assertEquals(300, call.durationSeconds());
        assertEquals(later.createdAt(), later.occurredAt());
    }

    @Test
    void theTimeline_pagesWithCursors_oneKeyQueryAPage() {
        Customer customer = fx.customer();
        for (int i = 0; i < 3; i++) {
            fx.clock.advance(Duration.ofMinutes(1));
            fx.log(customer, "note " + i);
        }

        Page<Activity> first =
                fx.activities.store().byCustomer(customer.id(), PageRequest.of(2, null));
        Page<Activity> second =
                fx.activities
                        .store()
                        .byCustomer(customer.id(), PageRequest.of(2, first.endCursor()));

        assertTrue(first.hasNextPage());
        assertEquals(
                List.of("note 2", "note 1"),
                first.entries().stream().map(entry -> entry.item().body()).toList());
        assertEquals(
                List.of("note 0"),
                second.entries().stream().map(entry -> entry.item().body()).toList());
    }

    @Test
    void aRepOfAnotherTeam_getsNotFound_andAReadOnlyRole_getsForbidden() {
        Customer customer = fx.customer();
        Caller stranger = TestOrg.member(fx.services, Role.SALES_REP, fx.region, "team-z");
        Caller director = TestOrg.member(fx.services, Role.OPS_DIRECTOR, null, null);
        ActivityInput input =
                ActivityInput.builder().customerId(customer.id()).kind(ActivityKind.NOTE).build();

        assertThrows(NotFoundException.class, () -> service.log(input, stranger));
        assertThrows(ForbiddenException.class, () -> service.log(input, director));
        assertThrows(
                NotFoundException.class,
                () -> service.ofCustomer(customer.id(), PageRequest.of(5, null), stranger));
    }

    @Test
    void badInput_isRefusedWhole_withFieldRuleAndLimit() {
        Customer customer = fx.customer();
        ActivityInput input =
                ActivityInput.builder()
                        .customerId(customer.id())
                        .dealId("also-a-deal")
                        .kind(ActivityKind.VISIT)
                        .body("x".repeat(ActivityRules.MAX_BODY + 1))
                        .occurredAt(fx.clock.instant().plus(Duration.ofHours(1)))
                        .durationSeconds(-5)
                        .nextFollowUpAt(fx.clock.instant().minusSeconds(1))
                        .build();

        ValidationException refused =
                assertThrows(ValidationException.class, () -> service.log(input, fx.rep));

        assertEquals(
                List.of(
                        "customerId:exactlyOneTarget",
                        "body:maxLength",
                        "occurredAt:notInFuture",
                        "durationSeconds:range",
                        "nextFollowUpAt:inFuture"),
                refused.problems().stream()
                        .map(problem -> problem.field() + ":" + problem.rule())
                        .toList());
        FieldProblem body = refused.problems().get(1);
        assertEquals(ActivityRules.MAX_BODY, body.limit());
    }

    @Test
    void editing_keepsOneTimelineEntry_recomputesTags_andTheAuditRowKeepsThePreviousText() {
        // GIVEN a logged activity, edited once
        Customer customer = fx.customer();
        Activity logged = fx.log(customer, "先聊了聊");
        Activity edited =
                service.update(
                        logged.id(),
                        logged.version(),
                        new ActivityPatch("客户说先试试", "positive", null, false),
                        fx.rep);

        // WHEN the activities stream reaches the audit recorder
        fx.recordsOf(logged).forEach(fx.services.audit()::record);

        // THEN the timeline shows the activity once, as edited, with its new tag
        List<Activity> timeline =
                service
                        .ofCustomer(customer.id(), PageRequest.of(10, null), fx.rep)
                        .entries()
                        .stream()
                        .map(entry -> entry.item())
                        .toList();
        assertEquals(List.of(logged.id()), timeline.stream().map(Activity::id).toList());
        assertEquals("客户说先试试", timeline.get(0).body());
        assertEquals(
                List.of("TRIAL_INTENT"),
                timeline.get(0).tags().stream().map(TagMatch::tag).toList());
        assertEquals(2, edited.version());
        // AND the edit's audit row says what it said before
        List<AuditEntry> trail =
                fx
                        .services
                        .audit()
                        .trail(logged.id(), PageRequest.of(10, null), fx.rep)
                        .entries()
                        .stream()
                        .map(entry -> entry.item())
                        .toList();
        assertEquals(2, trail.size());
        assertTrue(
                trail.get(0).changes().stream()
                        .anyMatch(
                                change ->
                                        change.field().equals("body")
                                                && "先聊了聊".equals(change.before())
                                                && "客户说先试试".equals(change.after())),
                trail.get(0).changes().toString());
    }

    @Test
    void editingAStaleVersion_isAVersionConflict_andAStrangerGetsNotFound() {
        Customer customer = fx.customer();
        Activity logged = fx.log(customer, "first");
        service.update(logged.id(), 1, new ActivityPatch("second", null, null, false), fx.rep);
        Caller stranger = TestOrg.member(fx.services, Role.SALES_REP, fx.region, "team-z");
        ActivityPatch patch = new ActivityPatch("third", null, null, false);

        assertThrows(
                VersionConflictException.class,
                () -> service.update(logged.id(), 1, patch, fx.rep));
        assertThrows(
                NotFoundException.class, () -> service.update(logged.id(), 2, patch, stranger));
    }
}
