package org.opencrm.graphql.persisted;

import java.util.Map;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.ErrorCode;

/**
 * The hash names no stored query. The message is exactly what Apollo clients look for: they then
 * send the same request again with the query text.
 */
public final class PersistedQueryNotFoundException extends CrmException {

    public static final String MESSAGE = "PersistedQueryNotFound";

    private final String sha256Hash;

    PersistedQueryNotFoundException(String sha256Hash) {
        super(MESSAGE);
        this.sha256Hash = sha256Hash;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.PERSISTED_QUERY_NOT_FOUND;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("sha256Hash", sha256Hash);
    }
}
