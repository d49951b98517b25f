package org.opencrm.graphql.persisted;

import java.util.Map;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.ErrorCode;

/** Allow-list mode: the document is not one of the registered operations. */
public final class PersistedQueryNotAllowedException extends CrmException {

    private final String sha256Hash;

    PersistedQueryNotAllowedException(String environment, String sha256Hash) {
        super(
                "the "
                        + environment
                        + " environment runs registered operations only, and the document with"
                        + " SHA-256 "
                        + sha256Hash
                        + " is not one of them (graphql/src/main/resources/"
                        + OperationManifest.RESOURCE
                        + ", see README)");
        this.sha256Hash = sha256Hash;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.PERSISTED_QUERY_NOT_ALLOWED;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("rule", "allowList", "sha256Hash", sha256Hash);
    }
}
