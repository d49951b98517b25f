package org.opencrm.core.files;

/**
 * What one purpose does with an upload whose object arrived with the declared size. Must be
 * idempotent: S3 may deliver an event more than once, and a failed invocation is retried.
 */
@FunctionalInterface
public interface ArrivalConsumer {

    ArrivalOutcome arrived(PendingUpload upload, StoredObject object);
}
