package org.opencrm.core.files;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * A client's declaration of the file it is about to upload.
 *
 * @param purpose what the file is for
 * @param fileName the name the user sees; never part of the object key
 * @param contentType the type the client will send, bound into the URL's signature
 * @param size the exact byte count the client will send, bound into the URL's signature
 * @param sha256 the file's SHA-256 in hex, when the client knows it (checked on arrival)
 * @param channel the lead channel of a {@code LEAD_IMPORT}
 * @param entityId the customer or lead an {@code ATTACHMENT} belongs to
 * @param kind the kind of an {@code ATTACHMENT}
 * @param system the external system a {@code CONSISTENCY_DIFF} export comes from ({@code ERP},
 *     {@code SERVICE_DESK}, ...: an {@link org.opencrm.core.identity.ExternalSystem})
 */
@RecordBuilder
public record UploadRequest(
        UploadPurpose purpose,
        String fileName,
        String contentType,
        long size,
        String sha256,
        String channel,
        String entityId,
        String kind,
        String system) {

    /** A new declaration, every component named; what is left unset is not given. */
    public static UploadRequestBuilder builder() {
        return UploadRequestBuilder.builder();
    }
}
