package org.opencrm.core.consistency;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.opencrm.core.files.ArrivalConsumer;
import org.opencrm.core.files.ArrivalOutcome;
import org.opencrm.core.files.PendingUpload;
import org.opencrm.core.files.PinnedObjectSource;
import org.opencrm.core.files.StoredObject;
import org.opencrm.core.intake.CsvSource;
import org.opencrm.core.store.S3Clients;

/**
 * A CONSISTENCY_DIFF upload whose object arrived with its declared size runs its diff: the upload's
 * id is the report's, its declared system the export's. The object is read pinned to the arrived
 * bytes (and checked against a declared SHA-256), as lead imports read theirs.
 */
public final class ConsistencyArrivals implements ArrivalConsumer {

    private final ConsistencyDiff diff;
    private final Supplier<S3Clients> s3;

    public ConsistencyArrivals(ConsistencyDiff diff, Supplier<S3Clients> s3) {
        this.diff = diff;
        this.s3 = s3;
    }

    @Override
    public ArrivalOutcome arrived(PendingUpload upload, StoredObject object) {
        CsvSource source = new PinnedObjectSource(s3, object, upload.request().sha256());
        ConsistencyReport before =
                diff.run(
                        new ConsistencyDiff.Export(
                                upload.id(),
                                upload.request().system(),
                                upload.uploadedBy(),
                                upload.request().contentType(),
                                () -> readAll(source)));
        return before.status() == ConsistencyReport.Status.FAILED
                ? ArrivalOutcome.REFUSED
                : ArrivalOutcome.ACCEPTED;
    }

    private static byte[] readAll(CsvSource source) {
        try (InputStream bytes = source.open()) {
            return bytes.readAllBytes();
        } catch (IOException storage) {
            throw new UncheckedIOException(storage);
        }
    }
}
