package org.opencrm.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.store.Keys;
import org.opencrm.core.testing.LocalDynamo;

/** Arrivals confirmed against declared uploads kept in the real embedded engine. */
class UploadArrivalsTest {

    private final UploadStore store =
            new UploadStore(LocalDynamo.shared().client(), LocalDynamo.shared().tables());
    private final List<String> handed = new ArrayList<>();
    private final UploadArrivals arrivals =
            new UploadArrivals(
                    store,
                    Map.of(
                            UploadPurpose.ATTACHMENT,
                            (upload, object) -> {
                                handed.add(upload.id());
                                return ArrivalOutcome.ACCEPTED;
                            }));

    private PendingUpload declared(UploadPurpose purpose, long size) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.parse("2026-11-30T10:00:00Z");
        PendingUpload upload =
                new PendingUpload(
                        id,
                        UploadRequest.builder()
                                .purpose(purpose)
                                .fileName("a.pdf")
                                .contentType("application/pdf")
                                .size(size)
                                .entityId("c-1")
                                .kind("OTHER")
                                .build(),
                        Keys.uploadObject(purpose.name(), id),
                        "Customer",
                        "u-1",
                        now,
                        now.plusSeconds(600),
                        PendingUpload.PENDING);
        store.create(upload);
        return upload;
    }

    @Test
    void anObjectOfTheDeclaredSize_isHandedToItsPurpose() {
        PendingUpload upload = declared(UploadPurpose.ATTACHMENT, 42);

        ArrivalOutcome outcome = arrivals.arrived(new StoredObject(upload.objectKey(), 42, "e"));

        assertEquals(ArrivalOutcome.ACCEPTED, outcome);
        assertEquals(List.of(upload.id()), handed);
    }

    @Test
    void anObjectOfAnotherSize_isRefused_andItsPurposeNeverSeesIt() {
        PendingUpload upload = declared(UploadPurpose.ATTACHMENT, 42);

        ArrivalOutcome outcome = arrivals.arrived(new StoredObject(upload.objectKey(), 41, "e"));

        assertEquals(ArrivalOutcome.REFUSED, outcome);
        assertTrue(handed.isEmpty());
        assertEquals(UploadStore.REFUSED, store.find(upload.id()).orElseThrow().status());
    }

    @Test
    void aPurposeWithoutAConsumer_isAcceptedOnArrival() {
        PendingUpload upload = declared(UploadPurpose.CONSISTENCY_DIFF, 7);

        assertEquals(
                ArrivalOutcome.ACCEPTED,
                arrivals.arrived(new StoredObject(upload.objectKey(), 7, "e")));
    }

    @Test
    void keysNoUploadDeclared_areUndeclared() {
        assertEquals(
                ArrivalOutcome.UNDECLARED,
                arrivals.arrived(new StoredObject("uploads/attachment/nobody-declared", 7, "e")));
        assertEquals(
                ArrivalOutcome.UNDECLARED,
                arrivals.arrived(new StoredObject("tmp/exports/x.csv", 7, "e")));
        assertEquals(
                ArrivalOutcome.UNDECLARED,
                arrivals.arrived(new StoredObject("uploads/attachment/a/b", 7, "e")));
    }
}
