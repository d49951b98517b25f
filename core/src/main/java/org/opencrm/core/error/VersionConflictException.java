package org.opencrm.core.error;

import java.util.Map;

/** The caller edited a stale copy; carries the version it must reload. */
public final class VersionConflictException extends CrmException {

    private final long currentVersion;

    public VersionConflictException(String entityId, long expectedVersion, long currentVersion) {
        super(
                "expectedVersion: "
                        + entityId
                        + " is at version "
                        + currentVersion
                        + ", not "
                        + expectedVersion
                        + "; reload and retry");
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.VERSION_CONFLICT;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("currentVersion", currentVersion);
    }
}
