package org.opencrm.core.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opencrm.core.customer.Customer;

/** The follow-up sweep over DynamoDB Local's sparse byFollowUpDue index. */
class FollowUpsTest {

    private final ActivityFixture fx = new ActivityFixture();

    private long followUpsDue() {
        return fx.inboxKinds(fx.rep.userId()).stream().filter("FOLLOW_UP_DUE"::equals).count();
    }

    private Activity logWithFollowUp(Customer customer, Instant at) {
        return fx.activities
                .service()
                .log(
                        ActivityInput.builder()
                                .customerId(customer.id())
                                .kind(ActivityKind.VISIT)
                                .body("上门拜访")
                                .nextFollowUpAt(at)
                                .build(),
                        fx.rep);
    }

    @Test
    void aFollowUp_remindsItsActorOnceWhenDue_andNotBefore() {
        // GIVEN a visit with a follow-up in two days
        Customer customer = fx.customer();
        logWithFollowUp(customer, fx.clock.instant().plus(Duration.ofDays(2)));

        // WHEN the sweep runs before it is due, then after, then again
        fx.activities.followUps().sweep();
        long beforeDue = followUpsDue();
        fx.clock.advance(Duration.ofDays(2).plusMinutes(1));
        fx.activities.followUps().sweep();
        fx.activities.followUps().sweep();

        // THEN the actor is told once, after it fell due
        assertEquals(0, beforeDue);
        assertEquals(1, followUpsDue());
    }

    @Test
    void aReSetFollowUpTime_remindsAgain_andAClearedOneNever() {
        Customer customer = fx.customer();
        Activity visit = logWithFollowUp(customer, fx.clock.instant().plus(Duration.ofHours(1)));
        fx.clock.advance(Duration.ofHours(2));
        fx.activities.followUps().sweep();

        // WHEN the rep sets a new follow-up time and it falls due
        fx.activities
                .service()
                .update(
                        visit.id(),
                        visit.version(),
                        new ActivityPatch(
                                null, null, fx.clock.instant().plus(Duration.ofHours(1)), false),
                        fx.rep);
        fx.clock.advance(Duration.ofHours(2));
        fx.activities.followUps().sweep();

        // THEN they are reminded a second time
        assertEquals(2, followUpsDue());

        // WHEN a third time is set and then cleared before it is due
        Activity current = fx.activities.store().find(visit.id()).orElseThrow();
        Activity reset =
                fx.activities
                        .service()
                        .update(
                                visit.id(),
                                current.version(),
                                new ActivityPatch(
                                        null,
                                        null,
                                        fx.clock.instant().plus(Duration.ofHours(1)),
                                        false),
                                fx.rep);
        fx.activities
                .service()
                .update(
                        visit.id(),
                        reset.version(),
                        new ActivityPatch(null, null, null, true),
                        fx.rep);
        fx.clock.advance(Duration.ofHours(2));
        fx.activities.followUps().sweep();

        // THEN no third reminder
        assertEquals(2, followUpsDue());
    }
}
