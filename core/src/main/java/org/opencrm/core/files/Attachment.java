package org.opencrm.core.files;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;

/**
 * A file attached to a customer, deal, contract or lead: its metadata, written once its object
 * arrived as declared.
 *
 * @param id the upload's id
 * @param entityId the record it belongs to
 * @param entityType {@code Customer}, {@code Deal}, {@code Contract} or {@code Lead}
 * @param kind {@code LEGAL_OPINION}, {@code CONTRACT_SCAN} or {@code OTHER}
 * @param fileName the name the uploader gave, shown to users and offered on download
 * @param contentType the declared type, which the bytes were checked against
 * @param size its length in bytes
 * @param sha256 the SHA-256 of the stored bytes, in lower-case hex, computed on arrival
 * @param uploadedBy the uploader's user id
 * @param uploadedAt when its object was confirmed
 * @param objectKey where its bytes are in the files bucket
 * @param version the item's version, 1 on creation
 */
@RecordBuilder
public record Attachment(
        String id,
        String entityId,
        String entityType,
        String kind,
        String fileName,
        String contentType,
        long size,
        String sha256,
        String uploadedBy,
        Instant uploadedAt,
        String objectKey,
        long version) {

    /** The audit trail's entity type of attachment items. */
    public static final String TYPE = "Attachment";

    public static AttachmentBuilder builder() {
        return AttachmentBuilder.builder();
    }

    /** A builder holding this attachment's values, to change some of them by name. */
    public AttachmentBuilder toBuilder() {
        return AttachmentBuilder.builder(this);
    }
}
