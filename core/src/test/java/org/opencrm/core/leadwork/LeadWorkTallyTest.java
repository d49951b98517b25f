package org.opencrm.core.leadwork;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.metrics.BusinessEvent;
import org.opencrm.core.metrics.BusinessTally;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestLeads;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;

/** The business events lead work counts, at the one place each is decided. */
class LeadWorkTallyTest {

    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = LocalDynamo.shared().services(clock);
    private final Caller admin = TestOrg.member(services, Role.ADMIN, null, null);
    private final String region = "r-" + UUID.randomUUID().toString().substring(0, 8);
    private final String team = TestOrg.uniqueTeam();

    @Test
    void intakeAndAssignment_countTheLeadAcceptedThenAssigned_andARedeliveryNothing() {
        // GIVEN a rep in the region
        TestOrg.member(services, Role.SALES_REP, region, team);
        BusinessTally.Span span = BusinessTally.start();

        // WHEN a lead comes in and the reactor assigns it, twice
        String leadId = ingest();
        services.assignments().assignNew(leadId);
        services.assignments().assignNew(leadId);

        // THEN
        assertEquals(
                Map.of(BusinessEvent.LEAD_ACCEPTED, 1L, BusinessEvent.LEAD_ASSIGNED, 1L),
                span.counts());
    }

    @Test
    void aLeadNobodyCanTake_isCountedPooled() {
        // GIVEN no rep in the region
        String leadId = ingest();
        BusinessTally.Span span = BusinessTally.start();

        // WHEN
        services.assignments().assignNew(leadId);

        // THEN
        assertEquals(Map.of(BusinessEvent.LEAD_POOLED, 1L), span.counts());
    }

    @Test
    void aDueSlaStep_isCountedOnceItIsApplied() {
        // GIVEN an assigned lead left unviewed past its deadline
        TestOrg.member(services, Role.SALES_REP, region, team);
        String leadId = ingest();
        services.assignments().assignNew(leadId);
        clock.advance(Duration.ofMinutes(121));
        BusinessTally.Span span = BusinessTally.start();

        // WHEN the step is applied, then tried again
        services.escalation().apply(leadId, clock.instant(), services.assignments().settings());
        services.escalation().apply(leadId, clock.instant(), services.assignments().settings());

        // THEN it counts once
        assertEquals(Map.of(BusinessEvent.SLA_STEP_APPLIED, 1L), span.counts());
    }

    private String ingest() {
        return TestLeads.ingest(services, admin, "website", region);
    }
}
