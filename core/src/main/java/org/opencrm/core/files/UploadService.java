package org.opencrm.core.files;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.ForbiddenException;
import org.opencrm.core.intake.IntakeChannels;
import org.opencrm.core.store.Keys;
import org.opencrm.core.store.S3Clients;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Issues presigned PUT URLs for files the client sends straight to S3 (API Gateway and Lambda could
 * not carry them), after checking what is declared ({@link UploadRules}) and who may upload it: per
 * purpose in the policy's {@code UploadPurpose} operations, and for an attachment write access to
 * its record under row scope ({@link AttachableRecords}).
 */
public final class UploadService {

    static final Duration URL_LIFETIME = Duration.ofMinutes(10);
    static final String OPERATION = "createUpload";
    private static final java.util.Set<String> SET_BY_HTTP_STACK =
            java.util.Set.of("host", "content-length");

    /** The policy's entry listing which roles may upload for which purpose. */
    static final String PURPOSES = "UploadPurpose";

    private final UploadStore store;
    private final AccessPolicy policy;
    private final IntakeChannels channels;
    private final AttachableRecords records;
    private final Supplier<S3Clients> s3;
    private final Clock clock;

    /** The collaborators, by name. */
    public record Parts(
            UploadStore store,
            AccessPolicy policy,
            IntakeChannels channels,
            AttachableRecords records,
            Supplier<S3Clients> s3,
            Clock clock) {}

    /**
     * @param parts whose {@code s3} is called on each upload, so it should build its clients once,
     *     on first use: a container that never presigns needs no bucket
     */
    public UploadService(Parts parts) {
        this.store = parts.store();
        this.policy = parts.policy();
        this.channels = parts.channels();
        this.records = parts.records();
        this.s3 = parts.s3();
        this.clock = parts.clock();
    }

    public Upload create(UploadRequest request, Caller caller) {
        UploadRules.require(request);
        requirePurposeRight(request.purpose(), caller);
        String entityType = null;
        if (request.purpose() == UploadPurpose.LEAD_IMPORT) {
            channels.require(request.channel());
        }
        if (request.purpose() == UploadPurpose.ATTACHMENT) {
            entityType = records.requireWritable(request.entityId(), caller, OPERATION);
        }
        String id = UUID.randomUUID().toString();
        String objectKey = Keys.uploadObject(request.purpose().name(), id);
        Instant now = clock.instant();
        PresignedPutObjectRequest presigned = presign(request, objectKey);
        store.create(
                new PendingUpload(
                        id,
                        request,
                        objectKey,
                        entityType,
                        caller.userId(),
                        now,
                        presigned.expiration(),
                        PendingUpload.PENDING));
        return new Upload(
                id,
                presigned.url().toString(),
                "PUT",
                clientHeaders(presigned.signedHeaders()),
                presigned.expiration());
    }

    /** The upload as declared, for the arrival step to confirm the object against. */
    public java.util.Optional<PendingUpload> find(String uploadId) {
        return store.find(uploadId);
    }

    private void requirePurposeRight(UploadPurpose purpose, Caller caller) {
        if (!policy.mayCall(PURPOSES, purpose.name(), caller.role())) {
            throw new ForbiddenException(
                    OPERATION, caller.role() + " may not upload files for " + purpose);
        }
    }

    /** Binds type and length into the signature, so S3 refuses any other body with 403. */
    private PresignedPutObjectRequest presign(UploadRequest request, String objectKey) {
        S3Clients clients = s3.get();
        return clients.presigner()
                .presignPutObject(
                        presign ->
                                presign.signatureDuration(URL_LIFETIME)
                                        .putObjectRequest(
                                                put ->
                                                        put.bucket(clients.bucket())
                                                                .key(objectKey)
                                                                .contentType(request.contentType())
                                                                .contentLength(request.size())));
    }

    /**
     * Every signed header the client sets itself: not Host and Content-Length, which every HTTP
     * stack sets from the URL and the body (browsers, {@code wx.request} and java.net.http refuse
     * to set them); both are signed all the same, so another length is refused.
     */
    private static List<Upload.Header> clientHeaders(Map<String, List<String>> signed) {
        return signed.entrySet().stream()
                .filter(
                        header ->
                                !SET_BY_HTTP_STACK.contains(
                                        header.getKey().toLowerCase(Locale.ROOT)))
                .map(
                        header ->
                                new Upload.Header(
                                        header.getKey(), String.join(",", header.getValue())))
                .sorted(java.util.Comparator.comparing(Upload.Header::name))
                .toList();
    }
}
