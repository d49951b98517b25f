package org.opencrm.graphql.files;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.opencrm.core.files.Attachment;
import org.opencrm.core.files.AttachmentService;
import org.opencrm.core.files.UploadRequest;
import org.opencrm.core.files.UploadService;
import org.opencrm.graphql.Inputs;
import org.opencrm.graphql.loaders.AttachmentsLoader;

/** Binds files.graphqls to the upload and attachment use cases. */
public final class FileWiring {

    private final UploadService uploads;
    private final AttachmentService attachments;

    public FileWiring(UploadService uploads, AttachmentService attachments) {
        this.uploads = uploads;
        this.attachments = attachments;
    }

    /**
     * The one fetcher of a record type's {@code attachments} field (a customer, a contract): the
     * request's batch loader, so a page of records costs one batch, not one read each. The record
     * was read under its row scope by whatever fetched it.
     */
    public static CompletableFuture<List<Attachment>> ofRecord(
            DataFetchingEnvironment env, String recordId) {
        DataLoader<String, List<Attachment>> loader = env.getDataLoader(AttachmentsLoader.NAME);
        return loader.load(recordId);
    }

    public void register(RuntimeWiring.Builder wiring) {
        wiring.type(
                "Mutation",
                type ->
                        type.dataFetcher(
                                "createUpload",
                                env ->
                                        uploads.create(
                                                Inputs.bind(
                                                        env.getArgument("input"),
                                                        UploadRequest.class),
                                                caller(env))));
        // PUT uploads only: the SDK builds no presigned POST policy, and we never hand-sign one
        wiring.type("Upload", type -> type.dataFetcher("fields", env -> List.of()));
        wiring.type(
                "Query",
                type ->
                        type.dataFetcher(
                                "attachments",
                                env -> attachments.of(env.getArgument("entityId"), caller(env))));
        // presigned only when asked for: a listing without URLs signs nothing
        wiring.type(
                "Attachment",
                type ->
                        type.dataFetcher(
                                "downloadUrl",
                                env -> attachments.downloadUrl(env.<Attachment>getSource())));
    }
}
