package org.opencrm.core.breaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencrm.core.testing.CustomerPatch.newCustomer;
import static org.opencrm.core.testing.CustomerPatch.patch;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerBulkLoader;
import org.opencrm.core.customer.CustomerExport;
import org.opencrm.core.customer.CustomerFields;
import org.opencrm.core.customer.CustomerFilter;
import org.opencrm.core.customer.CustomerLevel;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.customer.CustomerStage;
import org.opencrm.core.customer.ExportDelivery;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealInput;
import org.opencrm.core.deal.DealStage;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.ErrorCode;
import org.opencrm.core.error.UnauthenticatedException;
import org.opencrm.core.notify.Notification;
import org.opencrm.core.notify.NotificationKind;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.testing.Interloper;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.Race;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestOrg;
import org.opencrm.core.user.UserStatus;

/**
 * The sensitive-operation breaker and what exports may show, with the default breaker
 * settings (500 rows a day; 3 level changes of one customer within 24 h), on the real embedded
 * DynamoDB Local engine. Every tripping user is a real user, so suspension is real.
 */
class SensitiveOperationBreakerTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final CoreServices services = dynamo.services(Clock.systemUTC());
    private final CustomerService customers = services.customers();
    private final CustomerExport export = services.export();
    private final String region = "r" + UUID.randomUUID().toString().substring(0, 8);
    private final String team = TestOrg.uniqueTeam();
    private final Caller admin = TestOrg.member(services, Role.ADMIN, null, null);

    /** The same user as {@code caller}, on a request of its own. */
    private static Caller onNewRequest(Caller caller) {
        return Caller.builder()
                .userId(caller.userId())
                .role(caller.role())
                .region(caller.region())
                .team(caller.team())
                .requestId("req-" + UUID.randomUUID())
                .sourceIp(caller.sourceIp())
                .build();
    }

    private void seedCustomers(Caller owner, int count) {
        Instant now = Instant.now();
        List<Customer> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(
                    Customer.builder()
                            .id(UUID.randomUUID().toString())
                            .version(0)
                            .fields(
                                    new CustomerFields(
                                            "Seed " + i,
                                            "+86" + TestCallers.uniqueMobile(),
                                            null,
                                            null,
                                            CustomerStage.NEW,
                                            null,
                                            owner.region()))
                            .ownerId(owner.userId())
                            .team(owner.team())
                            .createdAt(now.plusMillis(i))
                            .updatedAt(now)
                            .archived(false)
                            .build());
        }
        new CustomerBulkLoader(dynamo.client(), dynamo.tables())
                .load(batch, WriteStamp.of(owner, now));
    }

    private List<Notification> suspensionNotices(String adminId, String suspendedUserId) {
        return services.outbox().inbox(adminId, false, PageRequest.of(100, null)).entries().stream()
                .map(entry -> entry.item())
                .filter(notice -> notice.kind() == NotificationKind.ACCOUNT_SUSPENDED)
                .filter(notice -> suspendedUserId.equals(notice.payload().get("userId")))
                .toList();
    }

    private static List<String> header(CustomerExport.Csv csv) {
        return Arrays.asList(csv.csv().lines().findFirst().orElseThrow().split(","));
    }

    // ------------------------------------------------------------------ exports per day

    @Test
    void
            export_sixConcurrentExportsOf100Rows_fiveSucceed_theSixthSuspendsTheUserAndTellsEveryAdmin()
                    throws Exception {
        // GIVEN a rep who owns 100 customers, and a second active admin
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
        Caller secondAdmin = TestOrg.member(services, Role.ADMIN, null, null);
        seedCustomers(rep, 100);

        // WHEN six requests of that rep each export the 100 customers at the same moment
        List<String> results =
                Race.run(
                        6,
                        i -> {
                            Caller request = onNewRequest(rep);
                            return () -> {
                                try {
                                    return "exported:"
                                            + export.export(CustomerFilter.none(), request)
                                                    .rowCount();
                                } catch (AccountSuspendedException suspended) {
                                    return "suspended";
                                }
                            };
                        });

        // THEN 500 rows (the daily limit) go out in five exports and the sixth, which would cross
        // it, is refused
        assertEquals(
                5, results.stream().filter("exported:100"::equals).count(), results.toString());
        assertEquals(1, results.stream().filter("suspended"::equals).count(), results.toString());
        // AND the rep is suspended and can no longer sign in
        assertEquals(UserStatus.SUSPENDED, services.users().find(rep.userId()).status());
        assertThrows(UnauthenticatedException.class, () -> services.users().authenticate(rep));
        // AND each active admin got exactly one suspension notice about that rep
        for (Caller each : List.of(admin, secondAdmin)) {
            assertEquals(1, suspensionNotices(each.userId(), rep.userId()).size(), each.userId());
        }
    }

    @Test
    void export_ofExactlyTheDailyLimit_isAllowed_andOneMoreRowTrips() {
        // GIVEN a rep who owns 500 customers
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
        seedCustomers(rep, 500);

        // WHEN the rep exports all 500 in one go
        CustomerExport.Csv all = export.export(CustomerFilter.none(), onNewRequest(rep));

        // THEN that is within the limit: the user stays active
        assertEquals(500, all.rowCount());
        assertEquals(UserStatus.ACTIVE, services.users().find(rep.userId()).status());

        // WHEN a new customer arrives, is contacted, and the rep exports just that one the same day
        Customer oneMore = customers.create(newCustomer("One more").build(), rep);
        // its stage follows its deal, moved to CONTACTED (what the deals stream does, done here)
        Deal contactedDeal =
                services.deals()
                        .create(
                                DealInput.builder()
                                        .customerId(oneMore.id())
                                        .title("First deal")
                                        .build(),
                                rep);
        services.deals().move(contactedDeal.id(), 1, DealStage.CONTACTED, null, null, rep);
        services.customerDeals().stages().sync(oneMore.id());
        CustomerFilter contacted =
                CustomerFilter.builder()
                        .ownerId(rep.userId())
                        .stage(CustomerStage.CONTACTED)
                        .build();
        assertEquals(1, customers.list(contacted, PageRequest.of(100, null), rep).entries().size());
        assertThrows(
                AccountSuspendedException.class, () -> export.export(contacted, onNewRequest(rep)));

        // THEN the 501st row of the day is refused and the rep suspended
        assertEquals(UserStatus.SUSPENDED, services.users().find(rep.userId()).status());
        assertEquals(1, suspensionNotices(admin.userId(), rep.userId()).size());
    }

    @Test
    void export_ofMoreThanTheDailyLimitInOneCall_isRefused_andSuspendsTheUser() {
        // GIVEN a rep who owns 501 customers and has exported nothing today
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
        seedCustomers(rep, 501);

        // WHEN the rep exports them all at once
        // THEN the export is refused, the rep suspended and the admin told
        assertThrows(
                AccountSuspendedException.class,
                () -> export.export(CustomerFilter.none(), onNewRequest(rep)));
        assertEquals(UserStatus.SUSPENDED, services.users().find(rep.userId()).status());
        assertEquals(1, suspensionNotices(admin.userId(), rep.userId()).size());
    }

    // ------------------------------------------------------------------ export columns (R-28)

    @Test
    void export_csvHeader_listsOnlyColumnsTheRoleMayRead() {
        // GIVEN a customer of the region with a national id and a contract amount
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
        Caller finance = TestOrg.member(services, Role.FINANCE, null, null);
        String nationalId = "11010519491231002X";
        Customer created =
                customers.create(newCustomer("Li Lei").nationalId(nationalId).build(), rep);
        customers.update(
                created.id(),
                1,
                patch().contractAmount(new BigDecimal("98765.43")).build(),
                finance);

        // WHEN the rep and finance each export the region's customers
        CustomerExport.Csv repCsv = export.export(CustomerFilter.none(), onNewRequest(rep));
        CustomerExport.Csv financeCsv =
                export.export(CustomerFilter.none().withRegion(region), onNewRequest(finance));

        // THEN both have the everyday columns, but only finance's has the national id and contract
        // amount
        assertTrue(
                header(repCsv).containsAll(List.of("id", "name", "phone", "ownerId")),
                header(repCsv).toString());
        assertFalse(header(repCsv).contains("nationalId"), header(repCsv).toString());
        assertFalse(header(repCsv).contains("contractAmount"), header(repCsv).toString());
        assertFalse(repCsv.csv().contains(nationalId), "the rep's CSV leaks the national id");
        assertFalse(repCsv.csv().contains("98765.43"), "the rep's CSV leaks the contract amount");
        assertTrue(
                header(financeCsv)
                        .containsAll(List.of("id", "name", "nationalId", "contractAmount")),
                header(financeCsv).toString());
        assertTrue(financeCsv.csv().contains(nationalId));
        assertTrue(financeCsv.csv().contains("98765.43"));
    }

    @Test
    void export_rowCount_equalsTheNumberOfDataLines() {
        // GIVEN a rep with three customers
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
        for (String name : List.of("A", "B", "C")) {
            customers.create(newCustomer(name).build(), rep);
        }

        // WHEN the rep exports them
        CustomerExport.Csv csv = export.export(CustomerFilter.none(), onNewRequest(rep));

        // THEN three rows are reported and the document has a header and three data lines, in the
        // answer itself
        assertEquals(3, csv.rowCount());
        assertEquals(1 + 3, csv.csv().lines().count(), csv.csv());
        assertEquals(ExportDelivery.INLINE, csv.delivery());
        assertNull(csv.downloadUrl());
    }

    // ------------------------------------------------------------------ level changes

    @Test
    void
            levelChange_threeCommittedChangesOfOneCustomerWithin24h_suspendTheUser_theThirdStaysSaved() {
        // GIVEN a rep's customer at level A
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
        Customer created =
                customers.create(newCustomer("Li Lei").level(CustomerLevel.A).build(), rep);

        // WHEN the rep changes its level twice
        customers.update(created.id(), 1, patch().level(CustomerLevel.B).build(), rep);
        customers.update(created.id(), 2, patch().level(CustomerLevel.C).build(), rep);

        // THEN both changes are fine and the rep is still active
        assertEquals(CustomerLevel.C, customers.get(created.id(), rep).fields().level());
        assertEquals(UserStatus.ACTIVE, services.users().find(rep.userId()).status());

        // WHEN the rep changes it a third time
        AccountSuspendedException tripped =
                assertThrows(
                        AccountSuspendedException.class,
                        () ->
                                customers.update(
                                        created.id(),
                                        3,
                                        patch().level(CustomerLevel.D).build(),
                                        onNewRequest(rep)));

        // THEN the third change is committed (and says so), the rep is suspended and the admin
        // told
        Customer after = customers.get(created.id(), admin);
        assertEquals(CustomerLevel.D, after.fields().level());
        assertEquals(4, after.version());
        assertTrue(tripped.getMessage().contains("saved as version 4"), tripped.getMessage());
        assertEquals("levelChangesInRow", tripped.details().get("rule"));
        assertEquals(3L, tripped.details().get("limit"));
        assertEquals(UserStatus.SUSPENDED, services.users().find(rep.userId()).status());
        assertEquals(1, suspensionNotices(admin.userId(), rep.userId()).size());
    }

    @Test
    void levelChange_threeChangesRefusedAsDuplicate_doNotSuspend() {
        // GIVEN a rep with two customers, the second holding a phone
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
        Customer target =
                customers.create(newCustomer("Li Lei").level(CustomerLevel.A).build(), rep);
        String takenPhone = TestCallers.uniqueMobile();
        customers.create(newCustomer("Han Meimei").phone(takenPhone).build(), rep);

        // WHEN the rep tries three times to change the first one's level along with that phone
        for (CustomerLevel level : List.of(CustomerLevel.B, CustomerLevel.C, CustomerLevel.D)) {
            CrmException refused =
                    assertThrows(
                            CrmException.class,
                            () ->
                                    customers.update(
                                            target.id(),
                                            1,
                                            patch().level(level).phone(takenPhone).build(),
                                            onNewRequest(rep)));
            assertEquals(ErrorCode.DUPLICATE, refused.code(), refused.getMessage());
        }

        // THEN no level changed, so nothing counted: the rep stays active and may change it twice
        assertEquals(UserStatus.ACTIVE, services.users().find(rep.userId()).status());
        customers.update(target.id(), 1, patch().level(CustomerLevel.B).build(), rep);
        customers.update(target.id(), 2, patch().level(CustomerLevel.C).build(), rep);
        assertEquals(UserStatus.ACTIVE, services.users().find(rep.userId()).status());
    }

    @Test
    void levelChange_threeChangesRefusedAsVersionConflict_afterALostRace_doNotSuspend() {
        // GIVEN a rep's customer, and the rep's other device editing its remark just before each
        // of this device's writes
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
        Customer target =
                customers.create(newCustomer("Li Lei").level(CustomerLevel.A).build(), rep);
        Interloper otherDevice =
                Interloper.before(
                        dynamo.client(),
                        "transactWriteItems",
                        3,
                        () -> {
                            Customer now = customers.get(target.id(), rep);
                            customers.update(
                                    target.id(),
                                    now.version(),
                                    patch().remark("from the phone " + now.version()).build(),
                                    rep);
                        });
        CustomerService contested =
                CoreServices.build(
                                otherDevice.client(),
                                dynamo.tables(),
                                Clock.systemUTC(),
                                java.time.Duration.ZERO,
                                LocalDynamo.demoSecrets())
                        .customers();

        // WHEN this device changes the level three times, each time at the version it just read
        for (CustomerLevel level : List.of(CustomerLevel.B, CustomerLevel.C, CustomerLevel.D)) {
            long seen = customers.get(target.id(), rep).version();
            CrmException refused =
                    assertThrows(
                            CrmException.class,
                            () ->
                                    contested.update(
                                            target.id(),
                                            seen,
                                            patch().level(level).build(),
                                            onNewRequest(rep)));
            assertEquals(ErrorCode.VERSION_CONFLICT, refused.code(), refused.getMessage());
        }

        // THEN every write lost its race, the level never changed, and the rep stays active
        assertEquals(3, otherDevice.interruptions());
        assertEquals(CustomerLevel.A, customers.get(target.id(), rep).fields().level());
        assertEquals(UserStatus.ACTIVE, services.users().find(rep.userId()).status());
    }

    @Test
    void levelChange_changesOfDifferentCustomers_doNotAddUp() {
        // GIVEN a rep with three customers at level A
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
        List<Customer> three = new ArrayList<>();
        for (String name : List.of("A", "B", "C")) {
            three.add(customers.create(newCustomer(name).level(CustomerLevel.A).build(), rep));
        }

        // WHEN the rep changes each one's level once
        for (Customer customer : three) {
            customers.update(customer.id(), 1, patch().level(CustomerLevel.B).build(), rep);
        }

        // THEN nothing trips: the rule counts changes of the same customer
        assertEquals(UserStatus.ACTIVE, services.users().find(rep.userId()).status());
    }

    @Test
    void levelChange_otherEditsOfTheCustomer_doNotCount() {
        // GIVEN a rep's customer whose level was changed twice
        Caller rep = TestOrg.member(services, Role.SALES_REP, region, team);
        Customer created =
                customers.create(newCustomer("Li Lei").level(CustomerLevel.A).build(), rep);
        customers.update(created.id(), 1, patch().level(CustomerLevel.B).build(), rep);
        customers.update(created.id(), 2, patch().level(CustomerLevel.A).build(), rep);

        // WHEN the rep edits other fields, resending the same level
        customers.update(
                created.id(), 3, patch().remark("called").level(CustomerLevel.A).build(), rep);
        customers.update(created.id(), 4, patch().remark("called twice").build(), rep);

        // THEN those are not level changes: the rep stays active
        assertEquals(UserStatus.ACTIVE, services.users().find(rep.userId()).status());
        assertEquals(5, customers.get(created.id(), rep).version());
    }
}
