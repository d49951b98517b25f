package org.opencrm.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.audit.AuditEntry;
import org.opencrm.core.audit.FieldChange;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.error.DuplicateException;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestOrg;

/** What the review of the intake found, each pinned by a test. */
class IntakeReviewFixesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CoreServices services = LocalDynamo.shared().services(Clock.systemUTC());
    private final Caller admin = TestOrg.member(services, Role.ADMIN, null, null);

    @Test
    void auditTrail_ofALead_redactsRawAndNationalId_forTheRepWhoOwnsIt() {
        // GIVEN a lead with a national id, given by hand to a rep
        String region = "r-" + System.nanoTime();
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, TestOrg.uniqueTeam());
        String leadId =
                services.intake()
                        .ingest(
                                "website",
                                List.of(
                                        JSON.valueToTree(
                                                Map.of(
                                                        "tel",
                                                        TestCallers.uniqueMobile(),
                                                        "id_number",
                                                        "11010519491231002X",
                                                        "city",
                                                        region))),
                                admin)
                        .get(0)
                        .leadId();
        services.assignments().assignByHand(leadId, rep.userId(), 1, admin);
        new StreamReader(LocalDynamo.shared().streams())
                .recordsFor(LocalDynamo.shared().tables().leads(), leadId)
                .forEach(services.audit()::record);

        // WHEN the rep reads its trail
        List<AuditEntry> trail =
                services.audit().trail(leadId, PageRequest.of(20, null), rep).entries().stream()
                        .map(entry -> entry.item())
                        .toList();

        // THEN the fields the matrix keeps from reps are redacted, and the rest is there
        FieldChange raw = change(trail, "raw");
        FieldChange nationalId = change(trail, "nationalId");
        assertTrue(raw.redacted() && nationalId.redacted(), trail.toString());
        assertEquals("website", change(trail, "channel").after());
    }

    @Test
    void anOversizedRecord_isRefusedWhole_namingItsIndexAndTheLimit() {
        JsonNode big =
                JSON.valueToTree(
                        Map.of("tel", TestCallers.uniqueMobile(), "essay", "x".repeat(40_000)));

        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () ->
                                services.intake()
                                        .ingest(
                                                "website",
                                                List.of(
                                                        JSON.valueToTree(
                                                                Map.of(
                                                                        "tel",
                                                                        TestCallers
                                                                                .uniqueMobile())),
                                                        big),
                                                admin));

        assertEquals("records[1]", refused.problems().get(0).field());
        assertEquals("maxBytes", refused.problems().get(0).rule());
        assertEquals(IntakeService.MAX_RECORD_BYTES, refused.problems().get(0).limit());
    }

    @Test
    void convertLead_refusesToLinkACustomerOutOfSight_withoutNamingIt() {
        String region = "r-" + System.nanoTime();
        Caller owner = TestOrg.member(services, Role.SALES_REP, region, TestOrg.uniqueTeam());
        Caller other = TestOrg.member(services, Role.SALES_REP, region, TestOrg.uniqueTeam());
        String mobile = TestCallers.uniqueMobile();
        String leadId =
                services.intake()
                        .ingest(
                                "website",
                                List.of(JSON.valueToTree(Map.of("tel", mobile, "city", region))),
                                admin)
                        .get(0)
                        .leadId();
        services.assignments().assignByHand(leadId, other.userId(), 1, admin);
        services.customers()
                .create(
                        CustomerInput.builder()
                                .name("Someone else's")
                                .phone(mobile)
                                .region(region)
                                .build(),
                        owner);
        Lead lead = services.leads().get(leadId, admin);

        DuplicateException refused =
                assertThrows(
                        DuplicateException.class,
                        () -> services.leads().convert(leadId, lead.version(), other));

        assertNull(refused.existingId());
    }

    @Test
    void leadImport_isNotFound_forSomeoneElsesImport() {
        Caller teamLead = TestOrg.member(services, Role.TEAM_LEAD, "east", TestOrg.uniqueTeam());
        LeadImport job =
                services.imports().start("csv", "tel\n" + TestCallers.uniqueMobile(), admin);

        assertThrows(NotFoundException.class, () -> services.imports().get(job.id(), teamLead));
        assertEquals(job.id(), services.imports().get(job.id(), admin).id());
    }

    @Test
    void replay_refusesTheSameIdTwice() {
        String id =
                services.intake()
                        .ingest(
                                "website",
                                List.of(JSON.valueToTree(Map.of("tel", "138****1234"))),
                                admin)
                        .get(0)
                        .quarantineId();

        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () -> services.intake().replay(List.of(id, id), null, admin));

        assertEquals("ids", refused.problems().get(0).field());
    }

    private static FieldChange change(List<AuditEntry> trail, String field) {
        return trail.stream()
                .flatMap(entry -> entry.changes().stream())
                .filter(change -> change.field().equals(field))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no change of " + field + " in " + trail));
    }
}
