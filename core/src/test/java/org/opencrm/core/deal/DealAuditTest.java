package org.opencrm.core.deal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.audit.AuditEntry;
import org.opencrm.core.audit.AuditOperation;
import org.opencrm.core.audit.AuditService;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestCallers;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** The deals table's real stream through the real audit recorder. */
class DealAuditTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final CoreServices services = dynamo.services(Clock.systemUTC());
    private final DealService deals = services.deals();
    private final AuditService audit = services.audit();
    private final StreamReader stream = new StreamReader(dynamo.streams());
    private final Caller rep = TestCallers.freshRep("east");

    @Test
    void aDealsTrail_hasOneRowPerChangeOfTheDeal_andNoneForItsHistoryOrStageEntries() {
        Customer customer =
                services.customers()
                        .create(
                                CustomerInput.builder()
                                        .name("Buyer Co")
                                        .phone(TestCallers.uniqueMobile())
                                        .build(),
                                rep);
        Deal deal =
                deals.create(
                        DealInput.builder()
                                .customerId(customer.id())
                                .title("ERP")
                                .amount(100L)
                                .build(),
                        rep);
        Deal contacted = deals.move(deal.id(), 1, DealStage.CONTACTED, null, null, rep);
        deals.move(contacted.id(), 2, DealStage.NEEDS_CONFIRMED, null, "budget confirmed", rep);
        // the deal's own records and its derived rows (ids start with the deal's id)
        List<Record> records =
                stream.allRecords(dynamo.tables().deals()).stream()
                        .filter(
                                record ->
                                        record.dynamodb()
                                                .keys()
                                                .get("id")
                                                .s()
                                                .startsWith(deal.id()))
                        .toList();

        long recorded = records.stream().filter(audit::record).count();

        assertTrue(records.size() > 3, "history rows and stage entries are on the stream too");
        assertEquals(3, recorded);
        List<AuditEntry> trail =
                audit.trail(deal.id(), PageRequest.of(20, null), rep).entries().stream()
                        .map(entry -> entry.item())
                        .toList();
        assertEquals(
                List.of(AuditOperation.UPDATE, AuditOperation.UPDATE, AuditOperation.CREATE),
                trail.stream().map(AuditEntry::operation).toList());
        assertTrue(trail.stream().allMatch(entry -> "DEAL".equals(entry.entityType())));
        assertTrue(
                trail.get(0).changes().stream()
                        .anyMatch(
                                change ->
                                        change.field().equals("stage")
                                                && "NEEDS_CONFIRMED".equals(change.after())));
    }
}
