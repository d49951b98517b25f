package org.opencrm.core.files;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.store.Keys;

/**
 * Confirms an object the bucket reports against the upload declared for its key, then hands it to
 * its purpose's consumer. The size check is common to every purpose: an object of any other length
 * is refused here, so no purpose ever sees one.
 */
public final class UploadArrivals {

    private final UploadStore store;
    private final Map<UploadPurpose, ArrivalConsumer> consumers;

    /**
     * @param consumers per purpose; a purpose without one only has its object confirmed
     */
    public UploadArrivals(UploadStore store, Map<UploadPurpose, ArrivalConsumer> consumers) {
        this.store = store;
        this.consumers = consumers.isEmpty() ? Map.of() : new EnumMap<>(consumers);
    }

    public ArrivalOutcome arrived(StoredObject object) {
        Optional<String> uploadId = Keys.uploadIdOf(object.key());
        if (uploadId.isEmpty()) {
            return ArrivalOutcome.UNDECLARED;
        }
        Optional<PendingUpload> declared = store.find(uploadId.get());
        if (declared.isEmpty()) {
            return ArrivalOutcome.UNDECLARED;
        }
        PendingUpload upload = declared.get();
        if (object.size() != upload.request().size()) {
            store.refuse(upload.id(), wrongSize(upload.request().size(), object.size()));
            return ArrivalOutcome.REFUSED;
        }
        ArrivalConsumer consumer = consumers.get(upload.request().purpose());
        return consumer == null ? ArrivalOutcome.ACCEPTED : consumer.arrived(upload, object);
    }

    private static FieldProblem wrongSize(long declared, long stored) {
        return new FieldProblem(
                "size",
                "declaredSize",
                "declared " + declared + " bytes, " + stored + " arrived",
                declared);
    }
}
