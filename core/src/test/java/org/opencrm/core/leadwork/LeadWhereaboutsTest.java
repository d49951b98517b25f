package org.opencrm.core.leadwork;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.counter.CounterStore;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadFields;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.lead.LeadStore;
import org.opencrm.core.lead.LeadWork;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.core.store.Pages;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestLeads;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;
import org.opencrm.core.user.UserStatus;
import org.opencrm.core.user.UserStore;

/**
 * The check that every open lead is somewhere: the rule alone, then on the real DynamoDB Local
 * engine with leads written past the services, as a bug or a hand-made change would leave them.
 */
class LeadWhereaboutsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = LocalDynamo.shared().services(clock);
    private final LeadStore store =
            new LeadStore(
                    LocalDynamo.shared().client(),
                    DynamoClients.enhanced(LocalDynamo.shared().client()),
                    LocalDynamo.shared().tables(),
                    new LeadLedger(
                            new CounterStore(
                                    LocalDynamo.shared().client(), LocalDynamo.shared().tables()),
                            new UserStore(
                                    DynamoClients.enhanced(LocalDynamo.shared().client()),
                                    LocalDynamo.shared().tables())));
    private final Caller admin = TestOrg.member(services, Role.ADMIN, null, null);
    private final String region = "r-" + UUID.randomUUID().toString().substring(0, 8);
    private final String team = TestOrg.uniqueTeam();

    @Test
    void findingOf_anOpenLeadOfAnActiveOwner_isNone_andOfASuspendedOrLeftOrUnknownOne_isTheOwner() {
        Lead owned = lead(LeadStatus.ASSIGNED, "ana", null, NOW);

        assertEquals(Optional.empty(), finding(owned, UserStatus.ACTIVE));
        assertEquals(Optional.of("OWNER_SUSPENDED"), finding(owned, UserStatus.SUSPENDED));
        assertEquals(Optional.of("OWNER_LEFT"), finding(owned, UserStatus.LEFT));
        assertEquals(Optional.of("OWNER_UNKNOWN"), finding(owned, null));
    }

    @Test
    void findingOf_aPooledLead_isNoneWithAReason_andPooledWithoutReasonWithout() {
        assertEquals(
                Optional.empty(),
                finding(lead(LeadStatus.UNASSIGNED, null, "ALL_AT_CAPACITY", NOW), null));
        assertEquals(
                Optional.of("POOLED_WITHOUT_REASON"),
                finding(lead(LeadStatus.UNASSIGNED, null, null, NOW), null));
    }

    @Test
    void findingOf_aNewLeadWithoutOwner_isNoneWhileTheReactorHasIt_andNowhereAfter() {
        Instant fresh = NOW.minus(LeadWhereabouts.NEW_GRACE).plusSeconds(1);
        Instant stale = NOW.minus(LeadWhereabouts.NEW_GRACE);

        assertEquals(Optional.empty(), finding(lead(LeadStatus.NEW, null, null, fresh), null));
        assertEquals(
                Optional.of("NO_OWNER_NO_POOL"),
                finding(lead(LeadStatus.NEW, null, null, stale), null));
        assertEquals(
                Optional.of("NO_OWNER_NO_POOL"),
                finding(lead(LeadStatus.WOKEN, null, null, NOW), null));
    }

    @Test
    void findingOf_aClosedLead_isNone_whoeverOwnedIt() {
        assertEquals(
                Optional.empty(),
                finding(lead(LeadStatus.CONVERTED, "ana", null, NOW), UserStatus.LEFT));
        assertEquals(
                Optional.empty(), finding(lead(LeadStatus.DISQUALIFIED, null, null, NOW), null));
    }

    @Test
    void check_reportsLeadsWrittenNowhere_onceEach_andLeavesTheAssignedLeadAlone() {
        // GIVEN a lead assigned the ordinary way, a suspended rep, and three leads written
        // directly: one owned by the suspended rep, one pooled without a reason, one NEW nobody
        // assigned
        Caller ana = TestLeads.rep(services, admin, region, team, 5);
        String assigned =
                services.assignments()
                        .assignNew(TestLeads.ingest(services, admin, "website", region))
                        .orElseThrow()
                        .id();
        Caller bo = TestLeads.rep(services, admin, region, team, 5);
        services.users().suspend(bo.userId(), "left the building", admin);
        String ofSuspended = written(lead(LeadStatus.ASSIGNED, bo.userId(), null, clock.instant()));
        String pooledWithoutReason =
                written(lead(LeadStatus.UNASSIGNED, null, null, clock.instant()));
        String stuckNew = written(lead(LeadStatus.NEW, null, null, clock.instant()));
        clock.advance(LeadWhereabouts.NEW_GRACE.plus(Duration.ofMinutes(1)));

        // WHEN the check runs, and runs again an hour later
        services.leadChecks().whereabouts().check();
        clock.advance(Duration.ofHours(1));
        services.leadChecks().whereabouts().check();

        // THEN the admin heard of each lead written nowhere once, with its finding, and not of
        // ana's
        assertEquals(List.of("OWNER_SUSPENDED"), reportsOf(ofSuspended));
        assertEquals(List.of("POOLED_WITHOUT_REASON"), reportsOf(pooledWithoutReason));
        assertEquals(List.of("NO_OWNER_NO_POOL"), reportsOf(stuckNew));
        assertEquals(List.of(), reportsOf(assigned));
        assertEquals(ana.userId(), services.leads().get(assigned, admin).ownerId());
    }

    private static Optional<String> finding(Lead lead, UserStatus ownerStatus) {
        return LeadWhereabouts.findingOf(lead, Optional.ofNullable(ownerStatus), NOW);
    }

    private Lead lead(LeadStatus status, String ownerId, String unassignedReason, Instant at) {
        return Lead.builder()
                .id("lead-" + UUID.randomUUID())
                .channel("website")
                .status(status)
                .fields(LeadFields.builder().name("Prospect").region(region).build())
                .ownerId(ownerId)
                .team(ownerId == null ? null : team)
                .createdAt(at)
                .work(LeadWork.NEW.toBuilder().unassignedReason(unassignedReason).build())
                .build();
    }

    /** Written straight to the table, past the services and their ledger: as a bug would. */
    private String written(Lead lead) {
        assertEquals(
                LeadStore.WriteOutcome.WRITTEN,
                store.insert(lead, new WriteStamp("test:direct", null, null, clock.instant())));
        return lead.id();
    }

    private List<String> reportsOf(String leadId) {
        return Pages.all(page -> services.outbox().inbox(admin.userId(), false, page))
                .filter(notification -> notification.kind() == NotificationKind.LEAD_NOWHERE)
                .filter(notification -> leadId.equals(notification.payload().get("leadId")))
                .map(notification -> notification.payload().get("finding"))
                .toList();
    }
}
