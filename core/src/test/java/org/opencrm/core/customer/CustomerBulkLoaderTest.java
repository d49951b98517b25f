package org.opencrm.core.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.error.DuplicateException;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;

class CustomerBulkLoaderTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final CoreServices services = dynamo.services(Clock.systemUTC());
    private final CustomerService customers = services.customers();
    private final CustomerBulkLoader loader =
            new CustomerBulkLoader(dynamo.client(), dynamo.tables());

    @Test
    void load_writesListableVersionedCustomers_andClaimsTheirPhones() {
        Caller rep = TestCallers.freshRep("east");
        Instant now = Instant.now();
        List<Customer> batch = new ArrayList<>();
        String firstPhone = null;
        for (int i = 0; i < 30; i++) {
            String phone = "+86" + TestCallers.uniqueMobile();
            firstPhone = firstPhone == null ? phone : firstPhone;
            batch.add(
                    new Customer(
                            UUID.randomUUID().toString(),
                            0,
                            new CustomerFields(
                                    "Seed " + i,
                                    phone,
                                    null,
                                    null,
                                    CustomerStage.NEW,
                                    null,
                                    "east"),
                            rep.userId(),
                            now.plusMillis(i),
                            now,
                            false,
                            null));
        }

        loader.load(batch, WriteStamp.of(rep, now));

        CustomerFilter mine = CustomerFilter.builder().ownerId(rep.userId()).build();
        assertEquals(30, customers.list(mine, PageRequest.of(100, null), rep).entries().size());
        Customer seeded = customers.get(batch.get(0).id(), rep);
        assertEquals(1, seeded.version());
        customers.update(seeded.id(), 1, CustomerInput.builder().remark("called").build(), rep);
        String takenPhone = firstPhone;
        assertThrows(
                DuplicateException.class,
                () ->
                        customers.create(
                                CustomerInput.builder().name("Copy").phone(takenPhone).build(),
                                rep));
    }
}
