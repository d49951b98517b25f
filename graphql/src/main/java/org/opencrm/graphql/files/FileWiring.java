package org.opencrm.graphql.files;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.schema.idl.RuntimeWiring;
import java.util.List;
import org.opencrm.core.files.UploadRequest;
import org.opencrm.core.files.UploadService;
import org.opencrm.graphql.Inputs;

/** Binds files.graphqls to the upload use case. */
public final class FileWiring {

    private final UploadService uploads;

    public FileWiring(UploadService uploads) {
        this.uploads = uploads;
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
    }
}
