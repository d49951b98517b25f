package org.opencrm.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.lead.LeadStatus;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.Race;
import org.opencrm.core.testing.TestCallers;

class IntakeServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CoreServices services = LocalDynamo.shared().services(Clock.systemUTC());
    private final Caller admin = TestCallers.of(Role.ADMIN, null, null);

    @Test
    void ingest_mergesEveryR03Spelling_intoTheLeadOfTheFirst() {
        String mobile = TestCallers.uniqueMobile();
        String a = mobile.substring(0, 3);
        String b = mobile.substring(3, 7);
        String c = mobile.substring(7);
        List<JsonNode> records =
                List.of(
                        record("tel", "+86 " + a + "-" + b + "-" + c),
                        record("mobile", "(" + a + ")" + b + c),
                        record("contact_phone", a + " " + b + " " + c),
                        record("phone", "0086 " + mobile));

        List<IntakeOutcome> outcomes = services.intake().ingest("website", records, admin);

        assertEquals(IntakeStatus.ACCEPTED, outcomes.get(0).status());
        String leadId = outcomes.get(0).leadId();
        for (IntakeOutcome merged : outcomes.subList(1, 4)) {
            assertEquals(IntakeStatus.MERGED, merged.status(), merged.toString());
            assertEquals(leadId, merged.matchedId());
            assertEquals("phone", merged.matchedBy());
            assertEquals("Lead", merged.matchedType());
        }
        assertEquals("+86" + mobile, services.leads().get(leadId, admin).fields().phone());
    }

    @Test
    void ingest_readsWanBudget_andKeepsUnknownFieldsInExtra() {
        JsonNode record =
                JSON.valueToTree(
                        Map.of(
                                "tel",
                                TestCallers.uniqueMobile(),
                                "预算",
                                "50万",
                                "utm_campaign",
                                "double-11",
                                "favourite_colour",
                                "blue"));

        IntakeOutcome outcome = services.intake().ingest("douyin", List.of(record), admin).get(0);

        assertEquals(IntakeStatus.ACCEPTED, outcome.status());
        Lead lead = services.leads().get(outcome.leadId(), admin);
        assertEquals(0, new BigDecimal("500000").compareTo(lead.fields().budget()));
        assertEquals(Map.of("utm_campaign", "double-11", "favourite_colour", "blue"), lead.extra());
        assertEquals("douyin", lead.channel());
        assertEquals(LeadStatus.NEW, lead.status());
        assertEquals(JSON.valueToTree(record), readTree(lead.raw()));
    }

    @Test
    void ingest_quarantinesAMaskedPhone_whenItIsTheOnlyContact() {
        IntakeOutcome outcome =
                services.intake()
                        .ingest("website", List.of(record("tel", "138****1234")), admin)
                        .get(0);

        assertEquals(IntakeStatus.QUARANTINED, outcome.status());
        assertEquals("phone", outcome.reasons().get(0).field());
        assertEquals("masked", outcome.reasons().get(0).rule());
        assertTrue(
                outcome.reasons().get(0).message().contains("sent as tel"),
                outcome.reasons().toString());
        QuarantinedRecord stored = services.intake().quarantinedRecord(outcome.quarantineId());
        assertEquals("{\"tel\":\"138****1234\"}", stored.raw());
        assertEquals("masked", stored.reasons().get(0).rule());
    }

    @Test
    void ingest_acceptsAMaskedPhoneWithAnotherContact_flaggedAndWithoutPhone() {
        String email = "masked-" + System.nanoTime() + "@example.com";
        JsonNode record = JSON.valueToTree(Map.of("tel", "138****1234", "email", email));

        IntakeOutcome outcome = services.intake().ingest("website", List.of(record), admin).get(0);

        assertEquals(IntakeStatus.ACCEPTED, outcome.status());
        assertEquals("masked", outcome.reasons().get(0).rule());
        Lead lead = services.leads().get(outcome.leadId(), admin);
        assertNull(lead.fields().phone());
        assertEquals(email, lead.fields().email());
        assertEquals("138****1234", lead.extra().get("tel"));
        assertEquals(1, lead.flags().size());
    }

    @Test
    void ingest_quarantinesEveryBadField_atOnce_withRuleAndLimit() {
        JsonNode record =
                JSON.valueToTree(
                        Map.of("tel", "12345", "email", "not-an-email", "notes", "x".repeat(2417)));

        IntakeOutcome outcome = services.intake().ingest("website", List.of(record), admin).get(0);

        assertEquals(IntakeStatus.QUARANTINED, outcome.status());
        Set<String> fields =
                outcome.reasons().stream()
                        .map(r -> r.field() + ":" + r.rule())
                        .collect(Collectors.toSet());
        assertEquals(Set.of("phone:phone", "email:email", "notes:maxLength"), fields);
        String notes =
                outcome.reasons().stream()
                        .filter(r -> r.field().equals("notes"))
                        .findFirst()
                        .orElseThrow()
                        .message();
        assertEquals("at most 2000 characters, got 2417", notes);
    }

    @Test
    void ingest_fiftyRacingDeliveriesOfOnePhone_makeOneLead_and49Merges() throws Exception {
        String mobile = TestCallers.uniqueMobile();

        List<IntakeOutcome> outcomes =
                Race.run(
                        50,
                        i ->
                                () ->
                                        services.intake()
                                                .ingest(
                                                        "facebook",
                                                        List.of(record("phone_number", mobile)),
                                                        admin)
                                                .get(0));

        List<IntakeOutcome> accepted =
                outcomes.stream().filter(o -> o.status() == IntakeStatus.ACCEPTED).toList();
        List<IntakeOutcome> merged =
                outcomes.stream().filter(o -> o.status() == IntakeStatus.MERGED).toList();
        assertEquals(1, accepted.size(), outcomes.toString());
        assertEquals(49, merged.size());
        assertTrue(merged.stream().allMatch(o -> accepted.get(0).leadId().equals(o.matchedId())));
    }

    @Test
    void merge_fillsMissingFields_keepsTheFirstValue_andAddsTheSource() {
        String mobile = TestCallers.uniqueMobile();
        String leadId =
                services.intake()
                        .ingest(
                                "website",
                                List.of(JSON.valueToTree(Map.of("tel", mobile, "name", "张"))),
                                admin)
                        .get(0)
                        .leadId();

        IntakeOutcome merged =
                services.intake()
                        .ingest(
                                "douyin",
                                List.of(
                                        JSON.valueToTree(
                                                Map.of(
                                                        "mobile",
                                                        mobile,
                                                        "name",
                                                        "张伟",
                                                        "公司",
                                                        "深圳某科技",
                                                        "notes",
                                                        "wants a demo"))),
                                admin)
                        .get(0);

        assertEquals(IntakeStatus.MERGED, merged.status());
        Lead lead = services.leads().get(leadId, admin);
        assertEquals("张伟", lead.fields().name());
        assertEquals("深圳某科技", lead.fields().company());
        assertEquals(List.of("website", "douyin"), lead.sources());
        assertEquals(2, lead.version());
    }

    @Test
    void ingest_linksToTheCustomerHoldingThePhone_withoutANewLead() {
        String mobile = TestCallers.uniqueMobile();
        Customer customer =
                services.customers()
                        .create(
                                CustomerInput.builder().name("Existing").phone(mobile).build(),
                                admin);

        IntakeOutcome outcome =
                services.intake().ingest("referral", List.of(record("tel", mobile)), admin).get(0);

        assertEquals(IntakeStatus.MERGED, outcome.status());
        assertEquals("Customer", outcome.matchedType());
        assertEquals(customer.id(), outcome.matchedId());
    }

    @Test
    void ingest_hidesTheMatchedRecord_fromACallerWhoMayNotSeeIt() {
        String mobile = TestCallers.uniqueMobile();
        services.intake().ingest("website", List.of(record("tel", mobile)), admin);
        Caller rep = TestCallers.freshRep("shenzhen");

        IntakeOutcome outcome =
                services.intake().ingest("trade_show", List.of(record("tel", mobile)), rep).get(0);

        assertEquals(IntakeStatus.MERGED, outcome.status());
        assertEquals("phone", outcome.matchedBy());
        assertNull(outcome.matchedId());
    }

    @Test
    void replay_acceptsAFixedRecord_andRepeatsItsOutcome_whenReplayedAgain() {
        IntakeOutcome quarantined =
                services.intake()
                        .ingest("website", List.of(record("tel", "138****1234")), admin)
                        .get(0);
        String mobile = TestCallers.uniqueMobile();
        List<JsonNode> patch = List.of(JSON.valueToTree(Map.of("tel", mobile)));

        IntakeOutcome first =
                services.intake().replay(List.of(quarantined.quarantineId()), patch, admin).get(0);
        IntakeOutcome second =
                services.intake().replay(List.of(quarantined.quarantineId()), patch, admin).get(0);

        assertEquals(IntakeStatus.ACCEPTED, first.status());
        assertEquals(first.leadId(), second.leadId());
        assertEquals(IntakeStatus.ACCEPTED, second.status());
        assertTrue(services.intake().quarantinedRecord(quarantined.quarantineId()).replayed());
        assertEquals("+86" + mobile, services.leads().get(first.leadId(), admin).fields().phone());
    }

    @Test
    void replay_keepsARecordQuarantined_withTheNewReasons_whenThePatchIsStillBad() {
        IntakeOutcome quarantined =
                services.intake()
                        .ingest("website", List.of(record("tel", "138****1234")), admin)
                        .get(0);

        IntakeOutcome replayed =
                services.intake()
                        .replay(
                                List.of(quarantined.quarantineId()),
                                List.of(JSON.valueToTree(Map.of("tel", "12"))),
                                admin)
                        .get(0);

        assertEquals(IntakeStatus.QUARANTINED, replayed.status());
        assertEquals(quarantined.quarantineId(), replayed.quarantineId());
        assertEquals("phone", replayed.reasons().get(0).rule());
        assertEquals(
                "{\"tel\":\"12\"}",
                services.intake().quarantinedRecord(quarantined.quarantineId()).raw());
    }

    @Test
    void ingest_refusesMoreThan500Records_namingTheLimit() {
        List<JsonNode> records =
                new ArrayList<>(Collections.nCopies(501, record("tel", "13800000000")));

        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () -> services.intake().ingest("website", records, admin));

        assertEquals("records", refused.problems().get(0).field());
        assertEquals(500, refused.problems().get(0).limit());
    }

    @Test
    void ingest_refusesAnUnknownChannel_listingTheKnownOnes() {
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () ->
                                services.intake()
                                        .ingest(
                                                "myspace",
                                                List.of(record("tel", "13800000000")),
                                                admin));

        assertEquals("channel", refused.problems().get(0).field());
        assertTrue(refused.problems().get(0).message().contains("facebook"));
    }

    @Test
    void convert_createsTheCustomerWithAGoldenId_andLaterDeliveriesLinkToIt() {
        String mobile = TestCallers.uniqueMobile();
        String leadId =
                services.intake()
                        .ingest(
                                "website",
                                List.of(JSON.valueToTree(Map.of("tel", mobile, "name", "王芳"))),
                                admin)
                        .get(0)
                        .leadId();

        Lead converted = services.leads().convert(leadId, 1, admin);
        IntakeOutcome later =
                services.intake().ingest("douyin", List.of(record("tel", mobile)), admin).get(0);

        assertEquals(LeadStatus.CONVERTED, converted.status());
        assertNotNull(converted.customerId());
        Customer customer = services.customers().get(converted.customerId(), admin);
        assertEquals("王芳", customer.fields().name());
        assertEquals(64, customer.goldenId().length());
        assertEquals(converted.goldenId(), customer.goldenId());
        assertEquals(converted.customerId(), later.matchedId());
        assertEquals("Customer", later.matchedType());
        assertThrows(ValidationException.class, () -> services.leads().convert(leadId, 2, admin));
    }

    private static JsonNode record(String field, String value) {
        return JSON.valueToTree(Map.of(field, value));
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
