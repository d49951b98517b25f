package org.opencrm.core.leadwork;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.error.ErrorCode;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.store.ConflictRetry;
import org.opencrm.core.testing.Interloper;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestLeads;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.time.AppClock;

/**
 * The owner's changes that carry no version (markLeadViewed, logLeadContact) against another writer
 * of the same lead, on the real engine: lost races are retried, and running out of attempts answers
 * VERSION_CONFLICT with the version to reload, never an internal error.
 */
class OwnerChangeRaceTest {

    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = LocalDynamo.shared().services(clock);
    private final Caller admin = TestOrg.member(services, Role.ADMIN, null, null);
    private final String region = "r-" + UUID.randomUUID().toString().substring(0, 8);
    private final Caller rep =
            TestOrg.member(services, Role.SALES_REP, region, TestOrg.uniqueTeam());

    @Test
    void logContact_answersVersionConflictWithTheCurrentVersion_whenEveryAttemptLosesTheRace() {
        // GIVEN a lead assigned to the rep, and the rep's other device logging a call on it
        // just before each of this request's writes
        String leadId = assignedLead();
        Interloper otherDevice =
                Interloper.before(
                        LocalDynamo.shared().client(),
                        "transactWriteItems",
                        Integer.MAX_VALUE,
                        () ->
                                services.assignments()
                                        .logContact(
                                                leadId,
                                                AssignmentService.ContactKind.CALL,
                                                "from the phone",
                                                rep));
        CoreServices contested = servicesOver(otherDevice);

        // WHEN the rep logs a visit through the contested client
        VersionConflictException conflict =
                assertThrows(
                        VersionConflictException.class,
                        () ->
                                contested
                                        .assignments()
                                        .logContact(
                                                leadId,
                                                AssignmentService.ContactKind.VISIT,
                                                "on site",
                                                rep));

        // THEN every attempt lost, and the answer names the version the lead is at now
        assertEquals(ConflictRetry.ATTEMPTS, otherDevice.interruptions());
        assertEquals(ErrorCode.VERSION_CONFLICT, conflict.code());
        Lead now = services.leads().get(leadId, admin);
        assertEquals(now.version(), conflict.currentVersion());
        assertEquals(now.version(), conflict.details().get("currentVersion"));
        assertEquals("CALL: from the phone", now.work().lastContact());
    }

    @Test
    void logContact_isWritten_overTheOtherWrites_whenItLosesSomeRacesButNotAll() {
        // GIVEN a lead assigned to the rep, and two calls logged from the rep's other device just
        // before this request's first two writes
        String leadId = assignedLead();
        long assignedVersion = services.leads().get(leadId, admin).version();
        Interloper otherDevice =
                Interloper.before(
                        LocalDynamo.shared().client(),
                        "transactWriteItems",
                        2,
                        () ->
                                services.assignments()
                                        .logContact(
                                                leadId,
                                                AssignmentService.ContactKind.CALL,
                                                "from the phone",
                                                rep));

        // WHEN the rep logs a visit through the contested client
        Lead logged =
                servicesOver(otherDevice)
                        .assignments()
                        .logContact(leadId, AssignmentService.ContactKind.VISIT, "on site", rep);

        // THEN the visit is written on the third attempt, after both calls, none lost
        Lead stored = services.leads().get(leadId, admin);
        assertEquals(2, otherDevice.interruptions());
        assertEquals(assignedVersion + 3, stored.version());
        assertEquals(stored.version(), logged.version());
        assertEquals(3, stored.work().contactCount());
        assertEquals("VISIT: on site", stored.work().lastContact());
    }

    private CoreServices servicesOver(Interloper interloper) {
        return CoreServices.build(
                interloper.client(),
                LocalDynamo.shared().tables(),
                clock,
                Duration.ZERO,
                LocalDynamo.demoSecrets());
    }

    private String assignedLead() {
        String leadId = TestLeads.ingest(services, admin, "website", region);
        Lead assigned = services.assignments().assignNew(leadId).orElseThrow();
        assertEquals(rep.userId(), assigned.ownerId());
        return leadId;
    }
}
