package org.opencrm.core.files;

import java.io.InputStream;
import java.util.function.Supplier;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.intake.CsvSource;
import org.opencrm.core.store.S3Clients;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An arrived object read as a stream, each time exactly the bytes the event reported: the GetObject
 * is pinned to the object's ETag ({@code If-Match}), so an object overwritten through the same URL
 * answers 412 instead of other bytes. When the uploader declared a SHA-256, the bytes are checked
 * against it as they stream by.
 */
public final class PinnedObjectSource implements CsvSource {

    private static final int PRECONDITION_FAILED = 412;

    private final Supplier<S3Clients> s3;
    private final StoredObject object;
    private final String declaredSha256;

    /**
     * @param declaredSha256 lower-case hex, or null when the client declared none
     */
    public PinnedObjectSource(Supplier<S3Clients> s3, StoredObject object, String declaredSha256) {
        this.s3 = s3;
        this.object = object;
        this.declaredSha256 = declaredSha256;
    }

    @Override
    public InputStream open() {
        InputStream bytes = get();
        return declaredSha256 == null ? bytes : new Sha256CheckedStream(bytes, declaredSha256);
    }

    private InputStream get() {
        S3Clients clients = s3.get();
        try {
            return clients.client()
                    .getObject(
                            request ->
                                    request.bucket(clients.bucket())
                                            .key(object.key())
                                            .ifMatch(quoted(object.eTag())));
        } catch (S3Exception storage) {
            if (storage.statusCode() == PRECONDITION_FAILED) {
                throw new ValidationException(replaced());
            }
            // throttling or a 5xx, after the SDK's own retries: the invocation fails and Lambda
            // retries the event
            throw storage;
        }
    }

    private static FieldProblem replaced() {
        return FieldProblem.of(
                "file",
                "unchanged",
                "the uploaded object was replaced while it was being imported; upload it again");
    }

    /** Events carry the ETag bare; {@code If-Match} takes it quoted. */
    private static String quoted(String eTag) {
        if (eTag == null || eTag.startsWith("\"")) {
            return eTag;
        }
        return "\"" + eTag + "\"";
    }
}
