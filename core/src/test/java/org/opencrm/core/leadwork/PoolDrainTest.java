package org.opencrm.core.leadwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.counter.CounterStore;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadFields;
import org.opencrm.core.lead.LeadLifecycle;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.store.Keys;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestLeads;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The pool drains when a rep gets room, on the real DynamoDB Local engine and its stream: the lead
 * reactor sees a lead close and gives the region's oldest pooled lead to the rep who now has room.
 */
class PoolDrainTest {

    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = LocalDynamo.shared().services(clock);
    private final CounterStore counters =
            new CounterStore(LocalDynamo.shared().client(), LocalDynamo.shared().tables());
    private final Caller admin = TestOrg.member(services, Role.ADMIN, null, null);
    private final String region = "r-" + UUID.randomUUID().toString().substring(0, 8);
    private final String team = TestOrg.uniqueTeam();

    @Test
    void convertingALead_givesThePooledLeadToTheRepWhoseCountItFreed() {
        // GIVEN two reps of capacity 1 each holding a lead, and a third lead waiting in the pool
        Caller ana = rep(1);
        Caller bo = rep(1);
        Lead first = assignedNow();
        assignedNow();
        Lead waiting = assignedNow();
        assertEquals(LeadStatus.UNASSIGNED, waiting.status());
        assertEquals("ALL_AT_CAPACITY", waiting.work().unassignedReason());
        Caller freed = first.ownerId().equals(ana.userId()) ? ana : bo;

        // WHEN the owner of the first lead converts it and the reactor sees the close
        services.leads().convert(first.id(), first.version(), freed);
        closeRecordsOf(first.id()).forEach(services.reactor()::onRecord);

        // THEN the pooled lead is theirs, and each rep's count equals their open leads
        Lead drained = services.leads().get(waiting.id(), admin);
        assertEquals(LeadStatus.ASSIGNED, drained.status());
        assertEquals(freed.userId(), drained.ownerId());
        assertNull(drained.work().unassignedReason());
        assertEquals("source:website", drained.work().assignment().explanation().get(0).term());
        TestLeads.assertCountsEqualOpenLeads(services, admin, ana, bo);
    }

    @Test
    void disqualifyingALead_givesThePooledLeadToTheRepWhoseCountItFreed() {
        // GIVEN two reps of capacity 1 each holding a lead, and a third lead waiting in the pool
        Caller ana = rep(1);
        Caller bo = rep(1);
        assignedNow();
        Lead second = assignedNow();
        Lead waiting = assignedNow();
        assertEquals(LeadStatus.UNASSIGNED, waiting.status());
        Caller freed = second.ownerId().equals(ana.userId()) ? ana : bo;

        // WHEN the owner of the second lead disqualifies it and the reactor sees the close
        services.leads().disqualify(second.id(), second.version(), "NO_BUDGET", null, freed);
        closeRecordsOf(second.id()).forEach(services.reactor()::onRecord);

        // THEN the pooled lead is theirs
        Lead drained = services.leads().get(waiting.id(), admin);
        assertEquals(LeadStatus.ASSIGNED, drained.status());
        assertEquals(freed.userId(), drained.ownerId());
        TestLeads.assertCountsEqualOpenLeads(services, admin, ana, bo);
    }

    @Test
    void aLeadReassignedByHand_givesThePooledLeadToTheRepItLeft() {
        // GIVEN two reps of capacity 1 each holding a lead, and a third lead waiting in the pool
        Caller ana = rep(1);
        Caller bo = rep(1);
        Lead first = assignedNow();
        assignedNow();
        Lead waiting = assignedNow();
        assertEquals(LeadStatus.UNASSIGNED, waiting.status());
        Caller left = first.ownerId().equals(ana.userId()) ? ana : bo;
        Caller taker = left.equals(ana) ? bo : ana;

        // WHEN an admin hands the first lead to the other rep and the reactor sees the move
        services.assignments().assignByHand(first.id(), taker.userId(), first.version(), admin);
        recordsOf(first.id()).stream()
                .filter(record -> ownerIn(record.dynamodb().newImage(), taker.userId()))
                .forEach(services.reactor()::onRecord);

        // THEN the rep the lead left has the pooled lead, and the counts still equal open leads
        Lead drained = services.leads().get(waiting.id(), admin);
        assertEquals(LeadStatus.ASSIGNED, drained.status());
        assertEquals(left.userId(), drained.ownerId());
        TestLeads.assertCountsEqualOpenLeads(services, admin, ana, bo);
    }

    @Test
    void aPlaceIsFreed_onlyWhenAnOwnedOpenLeadClosesOrLeavesItsOwner() {
        Lead owned =
                Lead.builder()
                        .id("l")
                        .channel("website")
                        .fields(LeadFields.builder().region(region).build())
                        .createdAt(clock.instant())
                        .status(LeadStatus.ASSIGNED)
                        .ownerId("u-1")
                        .build();
        Lead pooled = owned.toBuilder().status(LeadStatus.UNASSIGNED).ownerId(null).build();
        assertTrue(
                LeadReactor.freedAPlace(
                        owned, owned.toBuilder().status(LeadStatus.CONVERTED).build()));
        assertTrue(LeadReactor.freedAPlace(owned, owned.toBuilder().ownerId("u-2").build()));
        assertTrue(LeadReactor.freedAPlace(owned, pooled));
        assertFalse(
                LeadReactor.freedAPlace(
                        owned, owned.toBuilder().status(LeadStatus.CONTACTED).build()));
        assertFalse(
                LeadReactor.freedAPlace(
                        pooled, pooled.toBuilder().status(LeadStatus.DISQUALIFIED).build()));
        assertFalse(LeadReactor.freedAPlace(null, owned));
        assertFalse(LeadReactor.freedAPlace(owned, null));
    }

    @Test
    void aRedeliveredClose_assignsTheOldestPooledLeadOnce_andTheNextOneKeepsWaiting() {
        // GIVEN two reps of capacity 1 each holding a lead, and two leads waiting in the pool
        Caller ana = rep(1);
        Caller bo = rep(1);
        Lead first = assignedNow();
        assignedNow();
        Lead older = assignedNow();
        Lead newer = assignedNow();
        assertEquals(LeadStatus.UNASSIGNED, older.status());
        assertEquals(LeadStatus.UNASSIGNED, newer.status());
        Caller freed = first.ownerId().equals(ana.userId()) ? ana : bo;

        // WHEN the first lead is converted and the stream delivers its close three times
        services.leads().convert(first.id(), first.version(), freed);
        List<Record> close = closeRecordsOf(first.id());
        for (int delivery = 0; delivery < 3; delivery++) {
            clock.advance(Duration.ofSeconds(6));
            close.forEach(services.reactor()::onRecord);
        }

        // THEN the older pooled lead went to the freed rep and the newer one still waits
        assertEquals(freed.userId(), services.leads().get(older.id(), admin).ownerId());
        Lead stillWaiting = services.leads().get(newer.id(), admin);
        assertEquals(LeadStatus.UNASSIGNED, stillWaiting.status());
        assertNull(stillWaiting.ownerId());
        assertEquals(1, countOf(ana));
        assertEquals(1, countOf(bo));
        TestLeads.assertCountsEqualOpenLeads(services, admin, ana, bo);
    }

    @Test
    void aPooledLeadEveryRepIsExcludedFrom_doesNotKeepTheRoomFromTheLeadBehindIt() {
        // GIVEN the region's only rep missed the view of an older lead, which waits in the pool
        // excluded from them, while they hold a newer lead and a third waits for room
        Caller ana = rep(1);
        Lead missed = assignedNow();
        clock.advance(Duration.ofMinutes(121));
        assertTrue(
                services.escalation()
                        .apply(missed.id(), clock.instant(), services.assignments().settings()));
        Lead excluded = services.assignments().assignNew(missed.id()).orElseThrow();
        assertEquals("ALL_EXCLUDED", excluded.work().unassignedReason());
        Lead held = assignedNow();
        Lead waiting = assignedNow();
        assertEquals("ALL_AT_CAPACITY", waiting.work().unassignedReason());

        // WHEN the rep converts the lead they hold and the reactor sees the close
        services.leads().convert(held.id(), held.version(), ana);
        closeRecordsOf(held.id()).forEach(services.reactor()::onRecord);

        // THEN the lead waiting for room is theirs, and the excluded one still waits
        assertEquals(ana.userId(), services.leads().get(waiting.id(), admin).ownerId());
        assertEquals(LeadStatus.UNASSIGNED, services.leads().get(missed.id(), admin).status());
        TestLeads.assertCountsEqualOpenLeads(services, admin, ana);
    }

    @Test
    void aCloseWithNobodyPooled_changesNothing() {
        // GIVEN one rep holding one lead and an empty pool
        Caller ana = rep(1);
        Lead only = assignedNow();

        // WHEN it is converted and the reactor sees the close
        services.leads().convert(only.id(), only.version(), ana);
        closeRecordsOf(only.id()).forEach(services.reactor()::onRecord);

        // THEN the rep holds nothing
        assertEquals(0, countOf(ana));
        TestLeads.assertCountsEqualOpenLeads(services, admin, ana);
    }

    @Test
    void aLeadTakenBackIntoThePool_leavesTheSlaDueIndex_andGetsItsClockBackFromAssignment() {
        // GIVEN a rep of capacity 1 who never views their lead
        Caller ana = rep(1);
        Lead lead = assignedNow();
        assertEquals(ana.userId(), lead.ownerId());
        assertTrue(dueAttributesOf(lead.id()).containsKey("dueKey"));

        // WHEN the view step is missed and the reactor finds nobody else (the owner is excluded)
        clock.advance(Duration.ofMinutes(121));
        assertTrue(
                services.escalation()
                        .apply(lead.id(), clock.instant(), services.assignments().settings()));
        Lead pooled = services.assignments().assignNew(lead.id()).orElseThrow();

        // THEN it waits in the pool with no SLA clock: no due date, not in the sparse due index
        assertEquals(LeadStatus.UNASSIGNED, pooled.status());
        assertNull(services.leads().get(lead.id(), admin).work().slaDueAt());
        Map<String, AttributeValue> row = dueAttributesOf(lead.id());
        assertFalse(row.containsKey("dueKey"));
        assertFalse(row.containsKey("dueSortKey"));
        assertFalse(
                services.escalation()
                        .apply(lead.id(), clock.instant(), services.assignments().settings()));

        // WHEN a new rep joins and a lead of the region closes
        Caller bo = rep(1);
        Lead other = assignedNow();
        Caller otherOwner = other.ownerId().equals(bo.userId()) ? bo : ana;
        services.leads().convert(other.id(), other.version(), otherOwner);
        closeRecordsOf(other.id()).forEach(services.reactor()::onRecord);

        // THEN the pooled lead is bo's and its clock runs again from this assignment
        Lead drained = services.leads().get(lead.id(), admin);
        assertEquals(bo.userId(), drained.ownerId());
        Duration fromNow =
                Duration.between(
                        clock.instant().plus(services.assignments().settings().viewWithin()),
                        drained.work().slaDueAt());
        assertTrue(fromNow.abs().toSeconds() <= 2, "due " + fromNow + " off a fresh view window");
        assertNotNull(dueAttributesOf(lead.id()).get("dueKey"));
    }

    private Lead assignedNow() {
        // leads arrive a second apart, so the pool's arrival order is unambiguous
        clock.advance(Duration.ofSeconds(1));
        return services.assignments().assignNew(ingest()).orElseThrow();
    }

    private List<Record> recordsOf(String leadId) {
        return new StreamReader(LocalDynamo.shared().streams())
                .recordsFor(LocalDynamo.shared().tables().leads(), leadId);
    }

    private static boolean ownerIn(Map<String, AttributeValue> image, String userId) {
        AttributeValue owner = image == null ? null : image.get("ownerId");
        return owner != null && userId.equals(owner.s());
    }

    private List<Record> closeRecordsOf(String leadId) {
        return new StreamReader(LocalDynamo.shared().streams())
                .recordsFor(LocalDynamo.shared().tables().leads(), leadId).stream()
                        .filter(record -> record.dynamodb().hasNewImage())
                        .filter(
                                record ->
                                        !LeadLifecycle.isOpen(
                                                LeadStatus.valueOf(
                                                        record.dynamodb()
                                                                .newImage()
                                                                .get("status")
                                                                .s())))
                        .toList();
    }

    private Map<String, AttributeValue> dueAttributesOf(String leadId) {
        return LocalDynamo.shared()
                .client()
                .getItem(
                        request ->
                                request.tableName(LocalDynamo.shared().tables().leads())
                                        .key(Map.of("id", AttributeValue.fromS(leadId)))
                                        .consistentRead(true))
                .item();
    }

    private Caller rep(int capacity) {
        return TestLeads.rep(services, admin, region, team, capacity);
    }

    private long countOf(Caller rep) {
        return counters.total(Keys.repLoad(rep.userId()));
    }

    private String ingest() {
        return TestLeads.ingest(services, admin, "website", region);
    }
}
