package org.opencrm.core.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.store.S3Clients;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Confirms an attachment's object: streams it once through SHA-256 (never whole in memory), checks
 * it against the declaration ({@link AttachmentRules}), then writes its metadata, or refuses the
 * upload and deletes the object. Idempotent: an upload already refused or already attached is left
 * as it is, so a redelivered event changes nothing.
 */
public final class AttachmentArrivals implements ArrivalConsumer {

    static final int VERSION = 1;
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int PRECONDITION_FAILED = 412;
    private static final int NOT_FOUND = 404;

    private final UploadStore uploads;
    private final AttachmentStore attachments;
    private final Supplier<S3Clients> s3;
    private final Clock clock;

    public AttachmentArrivals(
            UploadStore uploads, AttachmentStore attachments, Supplier<S3Clients> s3, Clock clock) {
        this.uploads = uploads;
        this.attachments = attachments;
        this.s3 = s3;
        this.clock = clock;
    }

    @Override
    public ArrivalOutcome arrived(PendingUpload upload, StoredObject object) {
        if (!PendingUpload.PENDING.equals(upload.status()) || attachments.exists(upload.id())) {
            return ArrivalOutcome.ALREADY_HANDLED;
        }
        Optional<Inspection> read = inspect(object);
        if (read.isEmpty()) {
            // replaced since this event (the same URL PUT again: the newer object's event
            // decides) or already deleted by an earlier delivery's refusal
            return ArrivalOutcome.ALREADY_HANDLED;
        }
        Inspection inspection = read.get();
        Optional<FieldProblem> problem =
                AttachmentRules.problem(upload.request(), inspection.sha256(), inspection.head());
        if (problem.isPresent()) {
            uploads.refuse(upload.id(), problem.get());
            S3Clients clients = s3.get();
            clients.client()
                    .deleteObject(delete -> delete.bucket(clients.bucket()).key(object.key()));
            return ArrivalOutcome.REFUSED;
        }
        boolean written = attachments.createIfAbsent(attachment(upload, inspection.sha256()));
        return written ? ArrivalOutcome.ACCEPTED : ArrivalOutcome.ALREADY_HANDLED;
    }

    private Attachment attachment(PendingUpload upload, String sha256) {
        UploadRequest declared = upload.request();
        return Attachment.builder()
                .id(upload.id())
                .entityId(declared.entityId())
                .entityType(upload.entityType())
                .kind(declared.kind())
                .fileName(declared.fileName())
                .contentType(declared.contentType())
                .size(declared.size())
                .sha256(sha256)
                .uploadedBy(upload.uploadedBy())
                .uploadedAt(clock.instant())
                .objectKey(upload.objectKey())
                .version(VERSION)
                .build();
    }

    /** The object's checksum and first bytes; empty when it is no longer the reported version. */
    private Optional<Inspection> inspect(StoredObject object) {
        S3Clients clients = s3.get();
        try (ResponseInputStream<GetObjectResponse> body =
                clients.client()
                        .getObject(
                                get ->
                                        get.bucket(clients.bucket())
                                                .key(object.key())
                                                .ifMatch(object.eTag()))) {
            return Optional.of(digest(body));
        } catch (S3Exception refused) {
            if (refused.statusCode() == PRECONDITION_FAILED || refused.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw refused;
        } catch (IOException unreadable) {
            // thrown on: the event is retried
            throw new UncheckedIOException(unreadable);
        }
    }

    private static Inspection digest(InputStream body) throws IOException {
        MessageDigest sha256 = sha256();
        byte[] head = new byte[AttachmentRules.HEAD_BYTES];
        int headLength = 0;
        byte[] buffer = new byte[BUFFER_BYTES];
        int read;
        while ((read = body.read(buffer)) != -1) {
            int forHead = Math.min(read, head.length - headLength);
            System.arraycopy(buffer, 0, head, headLength, forHead);
            headLength += forHead;
            sha256.update(buffer, 0, read);
        }
        return new Inspection(
                HexFormat.of().formatHex(sha256.digest()), Arrays.copyOf(head, headLength));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException everyJvmHasIt) {
            throw new IllegalStateException(everyJvmHasIt);
        }
    }

    /**
     * What one read of the object found (a class: a record would compare its array by identity).
     */
    private static final class Inspection {
        private final String sha256;
        private final byte[] head;

        Inspection(String sha256, byte[] head) {
            this.sha256 = sha256;
            this.head = head.clone();
        }

        String sha256() {
            return sha256;
        }

        byte[] head() {
            return head.clone();
        }
    }
}
