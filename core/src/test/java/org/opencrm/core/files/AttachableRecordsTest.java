package org.opencrm.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.ForbiddenException;
import org.opencrm.core.access.Role;
import org.opencrm.core.contract.Contract;
import org.opencrm.core.contract.ContractInput;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.error.NotFoundException;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.time.AppClock;

/**
 * Which callers may read and add to a contract's attachments, on the real embedded engine and the
 * shipped policy: the contract's row scope, its write side for adding.
 */
class AttachableRecordsTest {

    private static final String OPERATION = "createUpload";

    private final AppClock clock = new AppClock(Clock.systemUTC());
    private final CoreServices services = LocalDynamo.shared().services(clock);
    private final AttachableRecords records =
            new AttachableRecords(
                    services.policy(),
                    services.customers(),
                    services.deals(),
                    services.contracts(),
                    services.leads());
    private final Caller rep = TestCallers.freshRep("east");

    private Contract signedContractOf(Caller owner) {
        Customer customer =
                services.customers()
                        .create(
                                CustomerInput.builder()
                                        .name("Buyer Co")
                                        .phone(TestCallers.uniqueMobile())
                                        .build(),
                                owner);
        return services.contracts()
                .create(
                        ContractInput.builder()
                                .number(
                                        "HT-"
                                                + UUID.randomUUID()
                                                        .toString()
                                                        .substring(0, 8)
                                                        .toUpperCase(java.util.Locale.ROOT))
                                .customerId(customer.id())
                                .amount(10_000_000L)
                                .taxRate("0.13")
                                .signedAt(clock.instant().minus(Duration.ofDays(1)))
                                .build(),
                        owner);
    }

    @Test
    void theContractsOwner_mayAttachToIt_andTheUploadIsFiledUnderTheContractType() {
        Contract contract = signedContractOf(rep);

        assertEquals("Contract", records.requireWritable(contract.id(), rep, OPERATION));
    }

    @Test
    void aRoleThatReadsButMayNotChangeTheContract_isForbidden_notToldItIsMissing() {
        // GIVEN a rep's contract and the operations director, who reads every contract
        Contract contract = signedContractOf(rep);
        Caller director = TestCallers.of(Role.OPS_DIRECTOR, "east", null);

        // WHEN the director would attach to it, THEN the contract's write side refuses
        records.requireReadable(contract.id(), director);
        ForbiddenException refused =
                assertThrows(
                        ForbiddenException.class,
                        () -> records.requireWritable(contract.id(), director, OPERATION));
        assertTrue(
                refused.getMessage().contains("may read but not change Contract"),
                refused.getMessage());
    }

    @Test
    void aRepOfAnotherTeam_isToldNoRecordExists_namingNoType() {
        // GIVEN a rep's contract and a rep of another region's team
        Contract contract = signedContractOf(rep);
        Caller outsider = TestCallers.of(Role.SALES_REP, "west", "west-a");

        // WHEN the outsider would read or attach, THEN there is no such record for them
        NotFoundException unread =
                assertThrows(
                        NotFoundException.class,
                        () -> records.requireReadable(contract.id(), outsider));
        NotFoundException unwritten =
                assertThrows(
                        NotFoundException.class,
                        () -> records.requireWritable(contract.id(), outsider, OPERATION));
        assertEquals("Record " + contract.id() + " not found", unread.getMessage());
        assertEquals("Record " + contract.id() + " not found", unwritten.getMessage());
    }
}
