package org.opencrm.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.S3Clients;
import org.opencrm.core.testing.LocalDynamo;

/**
 * The arrival of an attachment that was handled before, over the real embedded engine: it is
 * decided from the stored upload and attachment alone, so the bucket is never read. Reading and
 * checking the object itself is tested against the local cloud's S3 API (infra {@code
 * AttachmentEndToEndTest}): core's tests have no S3 API.
 */
class AttachmentArrivalsTest {

    private final UploadStore uploads =
            new UploadStore(LocalDynamo.shared().client(), LocalDynamo.shared().tables());
    private final AttachmentStore attachments =
            new AttachmentStore(LocalDynamo.shared().client(), LocalDynamo.shared().tables());
    private final AtomicInteger bucketReads = new AtomicInteger();
    private final AttachmentArrivals arrivals =
            new AttachmentArrivals(
                    uploads,
                    attachments,
                    this::noBucket,
                    Clock.fixed(Instant.parse("2026-11-30T10:01:00Z"), ZoneOffset.UTC));

    private S3Clients noBucket() {
        bucketReads.incrementAndGet();
        throw new IllegalStateException("the bucket must not be read");
    }

    private PendingUpload declared(String customerId) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.parse("2026-11-30T10:00:00Z");
        PendingUpload upload =
                new PendingUpload(
                        id,
                        UploadRequest.builder()
                                .purpose(UploadPurpose.ATTACHMENT)
                                .fileName("opinion.pdf")
                                .contentType("application/pdf")
                                .size(42)
                                .entityId(customerId)
                                .kind("LEGAL_OPINION")
                                .build(),
                        Keys.uploadObject(UploadPurpose.ATTACHMENT.name(), id),
                        "Customer",
                        "rep-1",
                        now,
                        now.plusSeconds(600),
                        PendingUpload.PENDING);
        uploads.create(upload);
        return upload;
    }

    @Test
    void anUploadAlreadyAttached_isAlreadyHandled_andNothingIsWrittenAgain() {
        // GIVEN an upload whose attachment was written by an earlier delivery
        String customerId = "customer-" + UUID.randomUUID();
        PendingUpload upload = declared(customerId);
        Attachment first =
                Attachment.builder()
                        .id(upload.id())
                        .entityId(customerId)
                        .entityType("Customer")
                        .kind("LEGAL_OPINION")
                        .fileName("opinion.pdf")
                        .contentType("application/pdf")
                        .size(42)
                        .sha256("e".repeat(64))
                        .uploadedBy("rep-1")
                        .uploadedAt(Instant.parse("2026-11-30T10:00:30Z"))
                        .objectKey(upload.objectKey())
                        .version(1)
                        .build();
        attachments.createIfAbsent(first);

        // WHEN its event is delivered again
        ArrivalOutcome outcome =
                arrivals.arrived(upload, new StoredObject(upload.objectKey(), 42, "etag"));

        // THEN nothing was read or written: the record still lists the first write alone
        assertEquals(ArrivalOutcome.ALREADY_HANDLED, outcome);
        assertEquals(0, bucketReads.get());
        assertEquals(List.of(first), attachments.ofEntity(customerId, 10));
    }

    @Test
    void anUploadAlreadyRefused_isAlreadyHandled_andNeverAttached() {
        // GIVEN an upload an earlier delivery refused (its object deleted)
        String customerId = "customer-" + UUID.randomUUID();
        PendingUpload declared = declared(customerId);
        uploads.refuse(
                declared.id(), FieldProblem.of("sha256", "declaredSha256", "another checksum"));
        PendingUpload refused = uploads.find(declared.id()).orElseThrow();

        // WHEN its event is delivered again
        ArrivalOutcome outcome =
                arrivals.arrived(refused, new StoredObject(refused.objectKey(), 42, "etag"));

        // THEN it stays refused, unread and unlisted
        assertEquals(ArrivalOutcome.ALREADY_HANDLED, outcome);
        assertEquals(0, bucketReads.get());
        assertEquals(List.of(), attachments.ofEntity(customerId, 10));
    }
}
