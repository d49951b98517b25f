package org.opencrm.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.testing.LocalDynamo;

/** Attachment metadata in the real embedded engine's files table. */
class AttachmentStoreTest {

    private final AttachmentStore store =
            new AttachmentStore(LocalDynamo.shared().client(), LocalDynamo.shared().tables());

    private static Attachment attachment(String entityId, String fileName, Instant at) {
        String id = UUID.randomUUID().toString();
        return Attachment.builder()
                .id(id)
                .entityId(entityId)
                .entityType("Customer")
                .kind("LEGAL_OPINION")
                .fileName(fileName)
                .contentType("application/pdf")
                .size(1234)
                .sha256("c".repeat(64))
                .uploadedBy("rep-1")
                .uploadedAt(at)
                .objectKey("uploads/attachment/" + id)
                .version(1)
                .build();
    }

    @Test
    void anAttachment_isWrittenOnce_andASecondWriteOfItsIdChangesNothing() {
        // GIVEN an attachment written for a record
        String customer = "customer-" + UUID.randomUUID();
        Attachment first = attachment(customer, "first.pdf", Instant.parse("2026-11-30T10:00:00Z"));
        assertTrue(store.createIfAbsent(first));

        // WHEN the same id is written again with other content (a redelivered event, later)
        Attachment again =
                first.toBuilder()
                        .fileName("changed.pdf")
                        .uploadedAt(Instant.parse("2026-11-30T10:05:00Z"))
                        .build();
        boolean written = store.createIfAbsent(again);

        // THEN nothing was written: the record lists the first one alone, as it was
        assertFalse(written);
        assertEquals(List.of(first), store.ofEntity(customer, 10));
        assertTrue(store.exists(first.id()));
    }

    @Test
    void aRecordsAttachments_areListedNewestFirst_upToTheLimit_andNoOtherRecords() {
        // GIVEN three attachments of one record, written oldest last, and one of another record
        String customer = "customer-" + UUID.randomUUID();
        Attachment oldest = attachment(customer, "a.pdf", Instant.parse("2026-11-01T00:00:00Z"));
        Attachment middle = attachment(customer, "b.pdf", Instant.parse("2026-11-02T00:00:00Z"));
        Attachment newest = attachment(customer, "c.pdf", Instant.parse("2026-11-03T00:00:00Z"));
        store.createIfAbsent(newest);
        store.createIfAbsent(middle);
        store.createIfAbsent(oldest);
        store.createIfAbsent(
                attachment(
                        "other-" + UUID.randomUUID(),
                        "x.pdf",
                        Instant.parse("2026-11-04T00:00:00Z")));

        // WHEN the record's attachments are listed, all of them and then two
        List<Attachment> all = store.ofEntity(customer, 10);
        List<Attachment> two = store.ofEntity(customer, 2);

        // THEN newest first, only the record's own
        assertEquals(List.of(newest, middle, oldest), all);
        assertEquals(List.of(newest, middle), two);
    }

    @Test
    void anIdNeverWritten_doesNotExist() {
        assertFalse(store.exists(UUID.randomUUID().toString()));
    }
}
