package org.opencrm.core.files;

import java.time.Instant;

/**
 * An upload as stored until its object arrives.
 *
 * @param id the upload's id
 * @param request what the client declared
 * @param objectKey where in the bucket the object goes
 * @param entityType {@code Customer}, {@code Deal} or {@code Lead} for an attachment, else null
 * @param uploadedBy the caller's user id
 * @param createdAt when the URL was issued
 * @param urlExpiresAt when the URL stops working
 * @param status {@link #PENDING} until its object arrives, then what became of it ({@code REFUSED}
 *     with a reason in the store)
 */
public record PendingUpload(
        String id,
        UploadRequest request,
        String objectKey,
        String entityType,
        String uploadedBy,
        Instant createdAt,
        Instant urlExpiresAt,
        String status) {

    public static final String PENDING = "PENDING";
}
