package org.opencrm.core.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealInput;
import org.opencrm.core.deal.DealStage;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadFields;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.lead.LeadStore;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.time.AppClock;

/**
 * A customer's timeline over the real engine: deal moves from their history rows and lead events
 * from the leads' audit rows (written by the real audit rules from the leads stream), merged.
 */
class CustomerTimelineTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = dynamo.services(clock);
    // the open-lead ledger is not what this test is about: no counter moves
    private final LeadStore leadStore =
            new LeadStore(
                    dynamo.client(),
                    dynamo.enhanced(),
                    dynamo.tables(),
                    (before, after, capacity) -> List.of());
    private final StreamReader stream = new StreamReader(dynamo.streams());
    private final Caller rep = TestCallers.freshRep("east");
    private final Customer customer =
            services.customers()
                    .create(
                            CustomerInput.builder()
                                    .name("Timeline Co")
                                    .phone(TestCallers.uniqueMobile())
                                    .build(),
                            rep);

    private Deal newDeal(String title) {
        return services.deals()
                .create(
                        DealInput.builder()
                                .customerId(customer.id())
                                .title(title)
                                .amount(100_00L)
                                .grossMarginPercent(30)
                                .build(),
                        rep);
    }

    private Deal move(Deal deal, DealStage to) {
        clock.advance(Duration.ofHours(1));
        return services.deals().move(deal.id(), deal.version(), to, null, null, rep);
    }

    /** A lead linked with the customer, owned by the rep, written as intake would. */
    private Lead newLinkedLead() {
        clock.advance(Duration.ofHours(1));
        Instant now = clock.instant();
        Lead lead =
                Lead.builder()
                        .id("lead-" + UUID.randomUUID())
                        .channel("website")
                        .status(LeadStatus.NEW)
                        .fields(
                                LeadFields.builder()
                                        .name("Prospect Wang")
                                        .phone(TestCallers.uniqueMobile())
                                        .region("east")
                                        .build())
                        .ownerId(rep.userId())
                        .team(rep.team())
                        .customerId(customer.id())
                        .createdAt(now)
                        .build();
        leadStore.insert(lead, WriteStamp.of(rep, now));
        return lead;
    }

    private void assign(Lead lead) {
        clock.advance(Duration.ofHours(1));
        Instant now = clock.instant();
        Lead current = leadStore.find(lead.id()).orElseThrow();
        Lead assigned =
                current.worked(LeadStatus.ASSIGNED, rep.userId(), rep.team(), current.work(), now);
        leadStore.replace(current, assigned, WriteStamp.of(rep, now));
    }

    /** What the audit stream function does with the lead's stream records. */
    private void auditLead(Lead lead) {
        stream.recordsFor(dynamo.tables().leads(), lead.id()).forEach(services.audit()::record);
    }

    private List<String> titles(Page<TimelineEntry> page) {
        return page.entries().stream().map(entry -> entry.item().title()).toList();
    }

    @Test
    void timeline_mergesDealMovesAndLeadEvents_newestFirst_acrossPagesWithOneCursor() {
        // GIVEN deal A moved twice, a linked lead created then assigned, deal B moved once,
        // an hour apart each
        Deal a = newDeal("Deal A");
        Lead lead = newLinkedLead();
        a = move(a, DealStage.CONTACTED);
        assign(lead);
        move(a, DealStage.NEEDS_CONFIRMED);
        Deal b = newDeal("Deal B");
        move(b, DealStage.CONTACTED);
        auditLead(lead);

        // WHEN the rep reads it two at a time
        Page<TimelineEntry> first =
                services.timeline().of(customer.id(), PageRequest.of(2, null), rep);
        Page<TimelineEntry> second =
                services.timeline().of(customer.id(), PageRequest.of(2, first.endCursor()), rep);
        Page<TimelineEntry> third =
                services.timeline().of(customer.id(), PageRequest.of(2, second.endCursor()), rep);

        // THEN every event once, newest first, the last page saying it is the last
        assertEquals(
                List.of("Deal B: NEW → CONTACTED", "Deal A: CONTACTED → NEEDS_CONFIRMED"),
                titles(first));
        assertEquals(
                List.of("Lead Prospect Wang: NEW → ASSIGNED", "Deal A: NEW → CONTACTED"),
                titles(second));
        assertEquals(List.of("Lead Prospect Wang created"), titles(third));
        assertTrue(first.hasNextPage());
        assertTrue(second.hasNextPage());
        assertFalse(third.hasNextPage());
        List<TimelineEntry> all = new ArrayList<>();
        for (Page<TimelineEntry> page : List.of(first, second, third)) {
            page.entries().forEach(entry -> all.add(entry.item()));
        }
        assertEquals(
                List.of("DEAL_STAGE", "DEAL_STAGE", "LEAD_ASSIGNED", "DEAL_STAGE", "LEAD_CREATED"),
                all.stream().map(TimelineEntry::kind).toList());
        assertEquals(lead.id(), all.get(2).entityId());
        assertEquals(rep.userId(), all.get(0).actorId());
    }

    @Test
    void aRepOfAnotherTeam_seesNoneOfTheCustomersStory() {
        // GIVEN a customer with a moved deal and a linked lead
        move(newDeal("Deal C"), DealStage.CONTACTED);
        auditLead(newLinkedLead());

        // WHEN a rep who owns none of it asks
        Caller stranger = TestCallers.freshRep("west");
        Page<TimelineEntry> page =
                services.timeline().of(customer.id(), PageRequest.of(20, null), stranger);

        // THEN nothing: each record's row scope applies
        assertTrue(page.entries().isEmpty());
        assertFalse(page.hasNextPage());
    }
}
