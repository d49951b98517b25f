package org.opencrm.graphql.loaders;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;
import org.opencrm.core.files.Attachment;
import org.opencrm.core.files.AttachmentService;

/**
 * A record's {@code attachments} field ({@code Customer.attachments}, {@code Contract.attachments})
 * for every record of a response in one batch, read side by side. The records were read under their
 * row scope already; the field matrix guards the fields.
 */
public final class AttachmentsLoader implements MappedBatchLoader<String, List<Attachment>> {

    public static final String NAME = "recordAttachments";

    private final AttachmentService attachments;

    public AttachmentsLoader(AttachmentService attachments) {
        this.attachments = attachments;
    }

    @Override
    public CompletionStage<Map<String, List<Attachment>>> load(Set<String> recordIds) {
        // read on the request's own thread: the future is complete when returned
        return CompletableFuture.completedFuture(attachments.ofShownRecords(recordIds));
    }
}
