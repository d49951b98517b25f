package org.opencrm.core.intake;

import java.util.Optional;

/**
 * Imports whose file was declared (an upload) but whose job does not exist yet: the upload's id is
 * the import's id, so a client polls {@code leadImport(uploadId)} from the moment it has the URL.
 * Implemented where uploads live; declared here so this package does not depend on that one.
 */
@FunctionalInterface
public interface AwaitedFiles {

    /**
     * The import as known before its job exists: {@code WAITING_FOR_FILE}, or {@code FAILED} when
     * the object was refused before any job was created; empty when no such upload was declared.
     */
    Optional<LeadImport> awaiting(String importId);
}
