package org.opencrm.core.files;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.opencrm.core.access.Caller;
import org.opencrm.core.store.ParallelReads;
import org.opencrm.core.store.S3Clients;

/**
 * Reads a record's attachments under the record's row scope ({@link AttachableRecords}): whoever
 * may read the customer, deal, contract or lead sees its attachments (the field matrix's {@code
 * Attachment} entries decide their fields), anyone else gets NOT_FOUND, as for the record itself.
 * Download URLs are presigned only when asked for.
 */
public final class AttachmentService {

    /** A record lists at most this many attachments, newest first. */
    public static final int MAX_LISTED = 200;

    static final Duration DOWNLOAD_URL_LIFETIME = Duration.ofMinutes(5);

    private final AttachmentStore store;
    private final AttachableRecords records;
    private final Supplier<S3Clients> s3;

    public AttachmentService(
            AttachmentStore store, AttachableRecords records, Supplier<S3Clients> s3) {
        this.store = store;
        this.records = records;
        this.s3 = s3;
    }

    /** The record's attachments, newest first, at most {@link #MAX_LISTED}. */
    public List<Attachment> of(String entityId, Caller caller) {
        records.requireReadable(entityId, caller);
        return store.ofEntity(entityId, MAX_LISTED);
    }

    /**
     * The attachments of records the caller was shown already (read under their row scope, e.g. a
     * page of contracts), newest first, at most {@link #MAX_LISTED} each: one index query per
     * record, side by side.
     */
    public Map<String, List<Attachment>> ofShownRecords(Collection<String> entityIds) {
        List<String> ids = List.copyOf(entityIds);
        List<List<Attachment>> read =
                ParallelReads.each(ids, entityId -> store.ofEntity(entityId, MAX_LISTED));
        Map<String, List<Attachment>> byRecord = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byRecord.put(ids.get(i), read.get(i));
        }
        return byRecord;
    }

    /**
     * A GET URL valid {@link #DOWNLOAD_URL_LIFETIME} that makes the browser save the file under its
     * name (RFC 6266 {@code filename*}, so Chinese names survive) as its stored type.
     */
    public String downloadUrl(Attachment attachment) {
        S3Clients clients = s3.get();
        String disposition =
                "attachment; filename*=UTF-8''" + percentEncoded(attachment.fileName());
        return clients.presigner()
                .presignGetObject(
                        presign ->
                                presign.signatureDuration(DOWNLOAD_URL_LIFETIME)
                                        .getObjectRequest(
                                                get ->
                                                        get.bucket(clients.bucket())
                                                                .key(attachment.objectKey())
                                                                .responseContentDisposition(
                                                                        disposition)
                                                                .responseContentType(
                                                                        attachment.contentType())))
                .url()
                .toString();
    }

    /**
     * RFC 5987 value characters: URLEncoder's form encoding with spaces as %20. File names hold
     * letters, digits, space and {@code . _ ( ) -} only ({@link UploadRules}), none of which
     * URLEncoder leaves unencoded outside RFC 5987's set.
     */
    static String percentEncoded(String fileName) {
        return URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
