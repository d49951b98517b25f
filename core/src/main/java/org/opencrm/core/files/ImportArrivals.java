package org.opencrm.core.files;

import java.util.Optional;
import java.util.function.Supplier;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.intake.LeadImport;
import org.opencrm.core.intake.LeadImportRequest;
import org.opencrm.core.intake.LeadImportService;
import org.opencrm.core.store.S3Clients;
import org.opencrm.core.user.User;
import org.opencrm.core.user.UserService;
import org.opencrm.core.user.UserStatus;

/**
 * A LEAD_IMPORT upload whose object arrived with its declared size starts its import: the upload's
 * id is the import's id, the declared channel its channel, the uploader its creator, and the object
 * is streamed from the bucket (twice: checked whole, then queued), never held in memory.
 *
 * <p>Idempotent: a redelivered event finds the job. Storage errors are thrown, so the invocation
 * fails and Lambda retries the event; a file refused for what it is (charset, not CSV, checksum) is
 * a FAILED import naming the rule.
 */
public final class ImportArrivals implements ArrivalConsumer {

    static final String UPLOADER_FIELD = "uploadedBy";
    static final String UPLOADER_RULE = "activeUploader";

    private final LeadImportService imports;
    private final UserService users;
    private final Supplier<S3Clients> s3;

    public ImportArrivals(LeadImportService imports, UserService users, Supplier<S3Clients> s3) {
        this.imports = imports;
        this.users = users;
        this.s3 = s3;
    }

    @Override
    public ArrivalOutcome arrived(PendingUpload upload, StoredObject object) {
        Optional<User> uploader = users.findOptional(upload.uploadedBy());
        LeadImportRequest request =
                LeadImportRequest.builder()
                        .importId(upload.id())
                        .channel(upload.request().channel())
                        .uploader(asCaller(upload, uploader))
                        .source(new PinnedObjectSource(s3, object, upload.request().sha256()))
                        .build();
        Optional<LeadImport> existing = imports.job(upload.id());
        if (existing.isPresent()) {
            // a redelivered event; a RUNNING job's first start may have died half way through
            // queueing, so its missing chunks are queued (whoever the uploader is now: its rows
            // may be imported already, and a FAILED import must have none)
            if (existing.get().status() == LeadImport.ImportStatus.RUNNING) {
                imports.startFromStream(request);
            }
            return ArrivalOutcome.ALREADY_HANDLED;
        }
        boolean mayImport = uploader.filter(user -> user.status() == UserStatus.ACTIVE).isPresent();
        LeadImport job =
                mayImport
                        ? imports.startFromStream(request)
                        : imports.refuseFile(request, inactiveUploader(upload, uploader));
        return job.status() == LeadImport.ImportStatus.FAILED
                ? ArrivalOutcome.REFUSED
                : ArrivalOutcome.ACCEPTED;
    }

    /**
     * The uploader as the rows' writer. Users are never deleted, so one is always found; if not,
     * the least role stands in, only to name the refused job's creator.
     */
    private static Caller asCaller(PendingUpload upload, Optional<User> uploader) {
        String requestId = "upload:" + upload.id();
        return uploader.map(
                        user ->
                                Caller.builder()
                                        .userId(user.id())
                                        .role(user.role())
                                        .region(user.region())
                                        .team(user.team())
                                        .requestId(requestId)
                                        .build())
                .orElseGet(
                        () ->
                                Caller.builder()
                                        .userId(upload.uploadedBy())
                                        .role(Role.SALES_REP)
                                        .requestId(requestId)
                                        .build());
    }

    private static FieldProblem inactiveUploader(PendingUpload upload, Optional<User> uploader) {
        String status = uploader.map(user -> user.status().name()).orElse("unknown");
        return new FieldProblem(
                UPLOADER_FIELD,
                UPLOADER_RULE,
                "the uploader "
                        + upload.uploadedBy()
                        + " is "
                        + status
                        + " and may no longer import; an active user must upload the file again",
                UserStatus.ACTIVE.name());
    }
}
