package org.opencrm.core.files;

import java.util.Optional;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.intake.AwaitedFiles;
import org.opencrm.core.intake.LeadImport;

/**
 * A LEAD_IMPORT upload seen as its import before the job exists: WAITING_FOR_FILE while its object
 * has not arrived (or is being checked), FAILED once the object was refused here (a wrong size),
 * since no job is created for such an object.
 */
public final class AwaitedImports implements AwaitedFiles {

    private final UploadStore store;

    public AwaitedImports(UploadStore store) {
        this.store = store;
    }

    @Override
    public Optional<LeadImport> awaiting(String importId) {
        return store.find(importId)
                .filter(upload -> upload.request().purpose() == UploadPurpose.LEAD_IMPORT)
                .map(this::asImport);
    }

    private LeadImport asImport(PendingUpload upload) {
        Optional<FieldProblem> refusal =
                UploadStore.REFUSED.equals(upload.status())
                        ? store.refusal(upload.id())
                        : Optional.empty();
        return LeadImport.builder()
                .id(upload.id())
                .channel(upload.request().channel())
                .status(
                        refusal.isPresent()
                                ? LeadImport.ImportStatus.FAILED
                                : LeadImport.ImportStatus.WAITING_FOR_FILE)
                .createdBy(upload.uploadedBy())
                .createdAt(upload.createdAt())
                .failure(refusal.orElse(null))
                .build();
    }
}
