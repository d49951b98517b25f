package org.opencrm.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.CoreServices;
import org.opencrm.core.access.Caller;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerInput;
import org.opencrm.core.customer.CustomerService;
import org.opencrm.core.paging.Page;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestCallers;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** Real stream records from the embedded engine, recorded into the real audit table. */
class AuditServiceTest {

    private final LocalDynamo dynamo = LocalDynamo.shared();
    private final CoreServices services = dynamo.services(Clock.systemUTC());
    private final CustomerService customers = services.customers();
    private final AuditService audit = services.audit();
    private final StreamReader stream = new StreamReader(dynamo.streams());
    private final Caller rep = TestCallers.freshRep("east");

    @Test
    void record_writesOneRowPerChange_evenWhenTheBatchIsDeliveredTwice() {
        Customer created =
                customers.create(
                        CustomerInput.builder()
                                .name("Li Lei")
                                .phone(TestCallers.uniqueMobile())
                                .build(),
                        rep);
        customers.update(created.id(), 1, CustomerInput.builder().remark("called").build(), rep);
        customers.archive(created.id(), 2, "duplicate of another account", rep);
        List<Record> records = stream.recordsFor(dynamo.tables().customers(), created.id());

        long firstDelivery = records.stream().filter(audit::record).count();
        long secondDelivery = records.stream().filter(audit::record).count();

        assertEquals(3, firstDelivery);
        assertEquals(0, secondDelivery);
        Page<AuditEntry> trail = audit.trail(created.id(), PageRequest.of(20, null), rep);
        assertEquals(
                List.of(AuditOperation.ARCHIVE, AuditOperation.UPDATE, AuditOperation.CREATE),
                trail.entries().stream().map(e -> e.item().operation()).toList());
        AuditEntry update = trail.entries().get(1).item();
        assertEquals(rep.userId(), update.actorId());
        assertEquals(rep.requestId(), update.requestId());
        assertEquals("127.0.0.1", update.sourceIp());
        assertEquals(List.of(new FieldChange("remark", null, "called")), update.changes());
    }

    @Test
    void trail_pagesNewestFirst() {
        Customer created =
                customers.create(
                        CustomerInput.builder()
                                .name("Han")
                                .phone(TestCallers.uniqueMobile())
                                .build(),
                        rep);
        for (int version = 1; version <= 4; version++) {
            customers.update(
                    created.id(),
                    version,
                    CustomerInput.builder().remark("note " + version).build(),
                    rep);
        }
        stream.recordsFor(dynamo.tables().customers(), created.id()).forEach(audit::record);

        Page<AuditEntry> first = audit.trail(created.id(), PageRequest.of(3, null), rep);
        Page<AuditEntry> rest =
                audit.trail(created.id(), PageRequest.of(3, first.endCursor()), rep);

        assertTrue(first.hasNextPage());
        assertFalse(rest.hasNextPage());
        assertEquals("note 4", first.entries().get(0).item().changes().get(0).after());
        assertEquals(
                AuditOperation.CREATE,
                rest.entries().get(rest.entries().size() - 1).item().operation());
        assertEquals(5, first.entries().size() + rest.entries().size());
    }

    @Test
    void byActor_pagesAKeyRangeOfTime_newestFirst_withoutGapsOrRepeats() {
        // GIVEN five changes by one rep, recorded from the real stream
        Customer created =
                customers.create(
                        CustomerInput.builder()
                                .name("Actor")
                                .phone(TestCallers.uniqueMobile())
                                .build(),
                        rep);
        for (int version = 1; version <= 4; version++) {
            customers.update(
                    created.id(),
                    version,
                    CustomerInput.builder().remark("step " + version).build(),
                    rep);
        }
        stream.recordsFor(dynamo.tables().customers(), created.id()).forEach(audit::record);
        List<AuditEntry> all =
                audit.trail(created.id(), PageRequest.of(20, null), rep).entries().stream()
                        .map(Page.Entry::item)
                        .toList();
        Instant end = all.get(0).at().plusSeconds(1);

        // WHEN the rep's changes are read two at a time, over all time and over the middle three
        List<String> paged = new ArrayList<>();
        String after = null;
        Page<AuditEntry> page;
        do {
            page = audit.byActor(rep.userId(), null, end, PageRequest.of(2, after), rep);
            page.entries().forEach(entry -> paged.add(entry.item().eventId()));
            after = page.endCursor();
        } while (page.hasNextPage());
        List<AuditEntry> middle =
                audit
                        .byActor(
                                rep.userId(),
                                all.get(3).at(),
                                all.get(1).at(),
                                PageRequest.of(20, null),
                                rep)
                        .entries()
                        .stream()
                        .map(Page.Entry::item)
                        .toList();

        // THEN every change comes once, newest first; the window holds exactly its three; a future
        // window nothing
        assertEquals(all.stream().map(AuditEntry::eventId).toList(), paged);
        assertEquals(all.subList(1, 4), middle);
        assertTrue(
                audit.byActor(rep.userId(), end, null, PageRequest.of(20, null), rep)
                        .entries()
                        .isEmpty());
    }

    @Test
    void trail_showsARawRowToTheRecordsReader_butItsImagesOnlyToRolesThatSeeEveryTrail() {
        // GIVEN a customer whose creation record arrives with a stamp that is not a time
        Customer created =
                customers.create(
                        CustomerInput.builder()
                                .name("Raw")
                                .phone(TestCallers.uniqueMobile())
                                .build(),
                        rep);
        Record original = stream.recordsFor(dynamo.tables().customers(), created.id()).get(0);
        java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> image =
                new java.util.HashMap<>(original.dynamodb().newImage());
        image.put(
                "updatedAt",
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("garbled"));
        Record garbled =
                original.toBuilder()
                        .dynamodb(original.dynamodb().toBuilder().newImage(image).build())
                        .build();

        // WHEN it is recorded
        assertTrue(audit.record(garbled));

        // THEN the rep sees that a raw row exists, an admin also sees what it holds
        AuditEntry seenByRep =
                audit.trail(created.id(), PageRequest.of(5, null), rep).entries().get(0).item();
        Caller admin = TestCallers.of(org.opencrm.core.access.Role.ADMIN, null, null);
        AuditEntry seenByAdmin =
                audit.trail(created.id(), PageRequest.of(5, null), admin).entries().get(0).item();
        assertTrue(seenByRep.raw());
        assertEquals(null, seenByRep.rawJson());
        assertTrue(seenByAdmin.rawJson().contains("garbled"), seenByAdmin.rawJson());
        assertEquals(1L, seenByAdmin.version());
    }
}
