package org.opencrm.core.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.opencrm.core.testing.CustomerPatch.patch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** R-07 golden ids on the real embedded DynamoDB Local engine: assigned once, claimed, found. */
class CustomerGoldenIdTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NATIONAL_ID = "11010519491231002X";

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final CoreServices services = dynamo.services(Clock.systemUTC());
    private final CustomerService customers = services.customers();
    private final Caller rep = TestCallers.freshRep("east");
    private final Caller otherRep = TestCallers.freshRep("east");
    private final Caller admin = TestCallers.of(Role.ADMIN, "east", null);

    private static String uniqueEmail() {
        return "buyer-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void goldenId_staysTheSame_whenThePhoneChangesAndANationalIdIsAdded() {
        // GIVEN a customer created with a phone only
        Customer created =
                customers.create(
                        patch().name("Li Lei").phone(TestCallers.uniqueMobile()).build(), rep);

        // WHEN the rep changes the phone and an admin adds the national id
        Customer phoneChanged =
                customers.update(
                        created.id(), 1, patch().phone(TestCallers.uniqueMobile()).build(), rep);
        Customer identified =
                customers.update(created.id(), 2, patch().nationalId(NATIONAL_ID).build(), admin);

        // THEN the id other systems keep is the one assigned at creation, and finds the customer
        assertNotNull(created.goldenId());
        assertNotEquals(created.fields().phone(), phoneChanged.fields().phone());
        assertEquals(NATIONAL_ID, identified.fields().nationalId());
        assertEquals(created.goldenId(), identified.goldenId());
        assertEquals(created.goldenId(), customers.get(created.id(), rep).goldenId());
        assertEquals(created.id(), customers.byGoldenId(created.goldenId(), rep).id());
    }

    @Test
    void customerWithoutPhone_getsAGoldenIdFromItsEmail_andIsFoundByIt() {
        // GIVEN customers with only an email, and only a WeChat id
        Customer byEmail = customers.create(patch().name("A").email(uniqueEmail()).build(), rep);
        Customer byWechat =
                customers.create(
                        patch().name("B")
                                .wechatId("wx" + UUID.randomUUID().toString().substring(0, 8))
                                .build(),
                        rep);

        // WHEN they are looked up by their golden ids
        Customer foundByEmail = customers.byGoldenId(byEmail.goldenId(), rep);
        Customer foundByWechat = customers.byGoldenId(byWechat.goldenId(), rep);

        // THEN each has one of its own and it names it
        assertEquals(64, byEmail.goldenId().length());
        assertEquals(64, byWechat.goldenId().length());
        assertNotEquals(byEmail.goldenId(), byWechat.goldenId());
        assertEquals(byEmail.id(), foundByEmail.id());
        assertEquals(byWechat.id(), foundByWechat.id());
    }

    @Test
    void byGoldenId_isNotFound_forAnotherRepsCustomer_butFoundByItsOwner() {
        // GIVEN a customer of one rep
        Customer theirs = customers.create(patch().name("C").email(uniqueEmail()).build(), rep);

        // WHEN another rep of the same region asks for it by its golden id
        // THEN it is as absent as an unknown id, and its owner finds it
        assertThrows(
                NotFoundException.class, () -> customers.byGoldenId(theirs.goldenId(), otherRep));
        assertEquals(theirs.id(), customers.byGoldenId(theirs.goldenId(), rep).id());
    }

    @Test
    void byGoldenId_refusesABlankOrOverlongId_asBadInput_andAnUnknownOneAsNotFound() {
        ValidationException blank =
                assertThrows(ValidationException.class, () -> customers.byGoldenId(" ", rep));
        ValidationException overlong =
                assertThrows(
                        ValidationException.class,
                        () -> customers.byGoldenId("a".repeat(200), rep));

        assertEquals("required", blank.problems().get(0).rule());
        assertEquals("maxLength", overlong.problems().get(0).rule());
        assertEquals(CustomerService.GOLDEN_ID_MAX_LENGTH, overlong.problems().get(0).limit());
        assertThrows(NotFoundException.class, () -> customers.byGoldenId("f".repeat(64), admin));
    }

    @Test
    void aPhonePassedOn_givesTheNewCustomerAnIdOfItsOwn_andTheOldIdStillNamesTheFirst() {
        // GIVEN a customer whose phone later goes to someone else
        String phone = TestCallers.uniqueMobile();
        Customer first = customers.create(patch().name("First").phone(phone).build(), rep);
        customers.update(first.id(), 1, patch().phone(TestCallers.uniqueMobile()).build(), rep);

        // WHEN a new customer is created with that phone
        Customer second = customers.create(patch().name("Second").phone(phone).build(), rep);

        // THEN it gets a different golden id, and each id names its own customer
        assertNotEquals(first.goldenId(), second.goldenId());
        assertEquals(first.id(), customers.byGoldenId(first.goldenId(), rep).id());
        assertEquals(second.id(), customers.byGoldenId(second.goldenId(), rep).id());
    }

    @Test
    void leadLinkedToAnExistingCustomer_keepsTheCustomersId_andTheLeadsIdResolvesToIt() {
        // GIVEN a lead known by its email, and a customer with that email and a phone
        String email = uniqueEmail();
        String leadId =
                services.intake()
                        .ingest(
                                "website",
                                List.of(JSON.valueToTree(Map.of("email", email, "name", "王芳"))),
                                admin)
                        .get(0)
                        .leadId();
        Lead lead = services.leads().get(leadId, admin);
        Customer survivor =
                customers.create(
                        patch().name("王芳").email(email).phone(TestCallers.uniqueMobile()).build(),
                        admin);

        // WHEN the lead is converted, which links it with that customer
        Lead converted = services.leads().convert(leadId, lead.version(), admin);

        // THEN the customer keeps its own id and the lead's resolves to the customer too
        assertEquals(survivor.id(), converted.customerId());
        assertNotEquals(lead.goldenId(), survivor.goldenId());
        assertEquals(survivor.goldenId(), customers.get(survivor.id(), admin).goldenId());
        assertEquals(lead.goldenId(), converted.goldenId());
        assertEquals(survivor.id(), customers.byGoldenId(lead.goldenId(), admin).id());
        assertEquals(survivor.id(), customers.byGoldenId(survivor.goldenId(), admin).id());
    }

    @Test
    void customerWrittenBeforeClaims_keepsItsId_andIsFoundByIt_afterItsNextWrite() {
        // GIVEN a customer stored as before R-07 claims: an id on the item, no claim for it
        String legacyGoldenId = "legacy-" + UUID.randomUUID();
        Instant now = Instant.now();
        Customer legacy =
                Customer.builder()
                        .id(UUID.randomUUID().toString())
                        .version(0)
                        .fields(
                                CustomerFields.builder()
                                        .name("Old")
                                        .phone("+86" + TestCallers.uniqueMobile())
                                        .stage(CustomerStage.NEW)
                                        .region("east")
                                        .build())
                        .ownerId(rep.userId())
                        .team(rep.team())
                        .createdAt(now)
                        .updatedAt(now)
                        .goldenId(legacyGoldenId)
                        .build();
        dynamo.enhanced()
                .table(dynamo.tables().customers(), TableSchema.fromBean(CustomerItem.class))
                .putItem(CustomerItem.from(legacy, WriteStamp.of(rep, now)));
        assertThrows(NotFoundException.class, () -> customers.byGoldenId(legacyGoldenId, rep));

        // WHEN it is next updated
        Customer updated =
                customers.update(legacy.id(), 1, patch().remark("called back").build(), rep);

        // THEN it keeps its id, and the id now finds it
        assertEquals(legacyGoldenId, updated.goldenId());
        assertEquals(legacy.id(), customers.byGoldenId(legacyGoldenId, rep).id());
    }

    @Test
    void leadGoldenId_staysTheSame_whenALaterDeliveryAddsAPhone() {
        // GIVEN a lead known only by its email
        String email = uniqueEmail();
        String mobile = TestCallers.uniqueMobile();
        String leadId =
                services.intake()
                        .ingest("website", List.of(JSON.valueToTree(Map.of("email", email))), admin)
                        .get(0)
                        .leadId();
        Lead before = services.leads().get(leadId, admin);

        // WHEN another delivery of the same email brings a phone, merged into the lead
        services.intake()
                .ingest(
                        "website",
                        List.of(JSON.valueToTree(Map.of("email", email, "tel", mobile))),
                        admin);

        // THEN the lead has the phone and still the golden id it was created with
        Lead after = services.leads().get(leadId, admin);
        assertEquals("+86" + mobile, after.fields().phone());
        assertNotNull(before.goldenId());
        assertEquals(before.goldenId(), after.goldenId());
    }

    @Test
    void customerWithoutAnyGoldenId_getsOneAtItsNextUpdate_andKeepsIt() {
        // GIVEN a customer stored before R-07 ids without a phone: no golden id at all
        Instant now = Instant.now();
        Customer legacy =
                Customer.builder()
                        .id(UUID.randomUUID().toString())
                        .version(0)
                        .fields(
                                CustomerFields.builder()
                                        .name("Old")
                                        .email(uniqueEmail())
                                        .stage(CustomerStage.NEW)
                                        .region("east")
                                        .build())
                        .ownerId(rep.userId())
                        .team(rep.team())
                        .createdAt(now)
                        .updatedAt(now)
                        .build();
        dynamo.enhanced()
                .table(dynamo.tables().customers(), TableSchema.fromBean(CustomerItem.class))
                .putItem(CustomerItem.from(legacy, WriteStamp.of(rep, now)));

        // WHEN it is updated, then a phone is added (its email claim was not written here, so
        // the email stays)
        Customer assigned =
                customers.update(legacy.id(), 1, patch().remark("called back").build(), rep);
        Customer phoneAdded =
                customers.update(
                        legacy.id(), 2, patch().phone(TestCallers.uniqueMobile()).build(), rep);

        // THEN it got an id at the first update, kept it, and the id finds it
        assertNotNull(assigned.goldenId());
        assertEquals(assigned.goldenId(), phoneAdded.goldenId());
        assertEquals(legacy.id(), customers.byGoldenId(assigned.goldenId(), rep).id());
    }

    @Test
    void
            leadWithAPhoneAnEarlierCustomerHad_convertsIntoACustomerWithAnIdOfItsOwn_andTheLeadFollows() {
        // GIVEN an earlier customer who gave up a phone, and a new lead with that phone
        String phone = TestCallers.uniqueMobile();
        Customer earlier = customers.create(patch().name("Earlier").phone(phone).build(), admin);
        customers.update(earlier.id(), 1, patch().phone(TestCallers.uniqueMobile()).build(), admin);
        String leadId =
                services.intake()
                        .ingest("website", List.of(JSON.valueToTree(Map.of("tel", phone))), admin)
                        .get(0)
                        .leadId();
        Lead lead = services.leads().get(leadId, admin);

        // WHEN the lead is converted into a new customer
        Lead converted = services.leads().convert(leadId, lead.version(), admin);

        // THEN the earlier customer keeps the id its phone gave it, and the lead and its new
        // customer share an id of their own that finds the new customer
        Customer created = customers.get(converted.customerId(), admin);
        assertNotEquals(earlier.id(), created.id());
        assertEquals(earlier.goldenId(), lead.goldenId());
        assertNotEquals(earlier.goldenId(), created.goldenId());
        assertEquals(created.goldenId(), converted.goldenId());
        assertEquals(earlier.id(), customers.byGoldenId(earlier.goldenId(), admin).id());
        assertEquals(created.id(), customers.byGoldenId(created.goldenId(), admin).id());
    }
}
