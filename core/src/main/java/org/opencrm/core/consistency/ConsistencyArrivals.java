package org.opencrm.core.consistency;

import java.util.function.Supplier;
import org.opencrm.core.files.ArrivalConsumer;
import org.opencrm.core.files.ArrivalOutcome;
import org.opencrm.core.files.PendingUpload;
import org.opencrm.core.files.PinnedObjectSource;
import org.opencrm.core.files.StoredObject;
import org.opencrm.core.store.S3Clients;

/**
 * A CONSISTENCY_DIFF upload whose object arrived with its declared size runs its diff: the upload's
 * id is the report's, its declared system the export's. The object is read pinned to the arrived
 * bytes (and checked against a declared SHA-256), as lead imports read theirs, by this invocation
 * and by the scheduled ones that continue a large diff.
 */
public final class ConsistencyArrivals implements ArrivalConsumer {

    private final ConsistencyDiff diff;

    /**
     * @param diff reading the export through {@link #sources}
     */
    public ConsistencyArrivals(ConsistencyDiff diff) {
        this.diff = diff;
    }

    @Override
    public ArrivalOutcome arrived(PendingUpload upload, StoredObject object) {
        ConsistencyReport before =
                diff.run(
                        new ConsistencyDiff.Export(
                                upload.id(),
                                upload.request().system(),
                                upload.uploadedBy(),
                                upload.request().contentType(),
                                new ExportFile(
                                        object.key(),
                                        object.eTag(),
                                        object.size(),
                                        upload.request().sha256())));
        return before.status() == ConsistencyReport.Status.FAILED
                ? ArrivalOutcome.REFUSED
                : ArrivalOutcome.ACCEPTED;
    }

    /** Where a diff reads its export, in this invocation or a later one: pinned to its ETag. */
    public static ConsistencyDiff.Sources sources(Supplier<S3Clients> s3) {
        return file ->
                new PinnedObjectSource(
                        s3, new StoredObject(file.key(), file.size(), file.eTag()), file.sha256());
    }
}
