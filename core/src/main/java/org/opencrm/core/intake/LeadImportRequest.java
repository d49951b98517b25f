package org.opencrm.core.intake;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Objects;
import org.opencrm.core.access.Caller;

/**
 * An import of a CSV file read as a stream (an uploaded object), every part named.
 *
 * @param importId the job's id, chosen by the caller (the upload's id) so a repeated start of the
 *     same file finds its job instead of importing twice
 * @param channel the intake channel whose alias map applies
 * @param uploader who uploaded the file: the import's creator and the rows' writer
 * @param source the file's bytes, readable twice
 */
@RecordBuilder
public record LeadImportRequest(
        String importId, String channel, Caller uploader, CsvSource source) {

    public LeadImportRequest {
        Objects.requireNonNull(importId, "importId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(uploader, "uploader");
        Objects.requireNonNull(source, "source");
    }

    public static LeadImportRequestBuilder builder() {
        return LeadImportRequestBuilder.builder();
    }
}
