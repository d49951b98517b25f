package org.opencrm.core.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.deal.Deal;
import org.opencrm.core.deal.DealInput;
import org.opencrm.core.deal.DealStage;
import org.opencrm.core.error.DuplicateException;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.error.VersionConflictException;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.Race;
import org.opencrm.core.testing.TestCallers;

/** Customer use cases on the real embedded DynamoDB Local engine. */
class CustomerServiceTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final CoreServices services = dynamo.services(Clock.systemUTC());
    private final CustomerService customers = services.customers();
    private final Caller rep = TestCallers.freshRep("east");

    private static CustomerInput withPhone(String name, String phone) {
        return CustomerInput.builder().name(name).phone(phone).build();
    }

    @Test
    void create_storesNormalisedCustomer_atVersionOne_ownedByTheCaller() {
        String phone = TestCallers.uniqueMobile();

        Customer created =
                customers.create(
                        withPhone("Li Lei", phone.substring(0, 3) + " " + phone.substring(3)), rep);

        Customer read = customers.get(created.id(), rep);
        assertEquals(1, read.version());
        assertEquals("+86" + phone, read.fields().phone());
        assertEquals(rep.userId(), read.ownerId());
        assertEquals("east", read.fields().region());
        assertEquals(CustomerStage.NEW, read.fields().stage());
    }

    @Test
    void create_refusesSecondCustomerWithSamePhone_namingTheExistingId_toItsOwner() {
        String phone = TestCallers.uniqueMobile();
        Customer first = customers.create(withPhone("Li Lei", phone), rep);

        DuplicateException duplicate =
                assertThrows(
                        DuplicateException.class,
                        () -> customers.create(withPhone("Lei Li", "+86 " + phone), rep));

        assertEquals("phone", duplicate.field());
        assertEquals(first.id(), duplicate.existingId());
    }

    @Test
    void create_refusesSameEmailInAnotherCase() {
        String email = "buyer-" + UUID.randomUUID() + "@example.com";
        Customer first =
                customers.create(CustomerInput.builder().name("A").email(email).build(), rep);

        DuplicateException duplicate =
                assertThrows(
                        DuplicateException.class,
                        () ->
                                customers.create(
                                        CustomerInput.builder()
                                                .name("B")
                                                .email(email.toUpperCase(Locale.ROOT))
                                                .build(),
                                        rep));

        assertEquals("email", duplicate.field());
        assertEquals(first.id(), duplicate.existingId());
    }

    @Test
    void create_makesExactlyOneCustomer_whenTenRequestsWithSamePhoneRace() throws Exception {
        String phone = TestCallers.uniqueMobile();
        int racers = 10;
        List<String> results =
                Race.run(
                        racers,
                        i ->
                                () -> {
                                    try {
                                        // one rep on ten devices: each refusal may name the winner,
                                        // which the rep can see
                                        return "created:"
                                                + customers
                                                        .create(withPhone("Racer", phone), rep)
                                                        .id();
                                    } catch (DuplicateException duplicate) {
                                        return "duplicate:" + duplicate.existingId();
                                    }
                                });

        List<String> created = results.stream().filter(r -> r.startsWith("created:")).toList();
        assertEquals(1, created.size(), results.toString());
        String winner = created.get(0).substring("created:".length());
        assertTrue(
                results.stream()
                        .filter(r -> r.startsWith("duplicate:"))
                        .allMatch(r -> r.endsWith(winner)),
                results.toString());
    }

    @Test
    void update_refusesStaleVersion_andReportsTheCurrentOne() {
        Customer created = customers.create(withPhone("Li Lei", TestCallers.uniqueMobile()), rep);
        customers.update(created.id(), 1, CustomerInput.builder().remark("called").build(), rep);

        VersionConflictException conflict =
                assertThrows(
                        VersionConflictException.class,
                        () ->
                                customers.update(
                                        created.id(),
                                        1,
                                        CustomerInput.builder().name("Stale").build(),
                                        rep));

        assertEquals(2, conflict.currentVersion());
        assertEquals("Li Lei", customers.get(created.id(), rep).fields().name());
    }

    @Test
    void update_movesThePhoneClaim_soTheOldNumberIsFreeAndTheNewOneTaken() {
        String oldPhone = TestCallers.uniqueMobile();
        String newPhone = TestCallers.uniqueMobile();
        Customer created = customers.create(withPhone("Li Lei", oldPhone), rep);

        Customer updated = customers.update(created.id(), 1, withPhone(null, newPhone), rep);

        assertEquals(2, updated.version());
        assertEquals("+86" + newPhone, customers.get(created.id(), rep).fields().phone());
        Customer reuse = customers.create(withPhone("Someone else", oldPhone), rep);
        assertFalse(reuse.id().equals(created.id()));
        DuplicateException taken =
                assertThrows(
                        DuplicateException.class,
                        () -> customers.create(withPhone("Third", newPhone), rep));
        assertEquals(created.id(), taken.existingId());
    }

    @Test
    void update_refusesPhoneHeldByAnotherCustomer_andChangesNothing() {
        String phoneA = TestCallers.uniqueMobile();
        String phoneB = TestCallers.uniqueMobile();
        Customer a = customers.create(withPhone("A", phoneA), rep);
        Customer b = customers.create(withPhone("B", phoneB), rep);

        DuplicateException duplicate =
                assertThrows(
                        DuplicateException.class,
                        () -> customers.update(b.id(), 1, withPhone(null, phoneA), rep));

        assertEquals(a.id(), duplicate.existingId());
        assertEquals(1, customers.get(b.id(), rep).version());
        assertEquals("+86" + phoneB, customers.get(b.id(), rep).fields().phone());
    }

    @Test
    void archive_hidesFromActiveList_andRestoreBringsItBack() {
        Customer created = customers.create(withPhone("Li Lei", TestCallers.uniqueMobile()), rep);
        CustomerFilter mine = CustomerFilter.builder().ownerId(rep.userId()).build();
        CustomerFilter mineArchived =
                CustomerFilter.builder().ownerId(rep.userId()).archived(true).build();

        Customer archived = customers.archive(created.id(), 1, "moved abroad", rep);

        assertTrue(archived.archived());
        assertEquals(0, customers.list(mine, PageRequest.of(20, null), rep).entries().size());
        assertEquals(
                1, customers.list(mineArchived, PageRequest.of(20, null), rep).entries().size());
        Customer restored = customers.restore(created.id(), 2, rep);
        assertFalse(restored.archived());
        assertEquals(3, customers.get(created.id(), rep).version());
        assertEquals(1, customers.list(mine, PageRequest.of(20, null), rep).entries().size());
    }

    @Test
    void get_reportsNotFound_forUnknownId() {
        assertThrows(NotFoundException.class, () -> customers.get("no-such-customer", rep));
    }

    @Test
    void list_pagesNewestFirst_withoutGapsOrRepeats_acrossShards() {
        String region = "r" + UUID.randomUUID().toString().substring(0, 8);
        Caller regional = TestCallers.freshRep(region);
        List<String> createdNewestFirst = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            createdNewestFirst.add(
                    0,
                    customers
                            .create(withPhone("C" + i, TestCallers.uniqueMobile()), regional)
                            .id());
        }
        CustomerFilter byRegion = CustomerFilter.builder().region(region).build();

        List<String> seen = new ArrayList<>();
        String after = null;
        Page<Customer> page;
        do {
            page =
                    customers.list(
                            byRegion,
                            PageRequest.of(10, after),
                            TestCallers.of(Role.REGION_MANAGER, region, null));
            page.entries().forEach(entry -> seen.add(entry.item().id()));
            after = page.endCursor();
        } while (page.hasNextPage());

        assertEquals(createdNewestFirst, seen);
        Set<String> distinct = new HashSet<>(seen);
        assertEquals(25, distinct.size());
    }

    @Test
    void list_combinesOwnerAndStageFilters() {
        Customer contacted = customers.create(withPhone("A", TestCallers.uniqueMobile()), rep);
        customers.create(withPhone("B", TestCallers.uniqueMobile()), rep);
        // the stage follows the customer's deal, moved to CONTACTED
        Deal deal =
                services.deals()
                        .create(
                                DealInput.builder()
                                        .customerId(contacted.id())
                                        .title("First deal")
                                        .build(),
                                rep);
        services.deals().move(deal.id(), 1, DealStage.CONTACTED, null, null, rep);
        services.customerDeals().stages().sync(contacted.id());

        Page<Customer> page =
                customers.list(
                        CustomerFilter.builder()
                                .ownerId(rep.userId())
                                .stage(CustomerStage.CONTACTED)
                                .build(),
                        PageRequest.of(20, null),
                        rep);

        assertEquals(
                List.of(contacted.id()), page.entries().stream().map(e -> e.item().id()).toList());
        assertFalse(page.hasNextPage());
    }
}
