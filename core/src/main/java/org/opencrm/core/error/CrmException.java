package org.opencrm.core.error;

import java.util.Map;

/**
 * A failure the caller can act on. Its message is safe to show to the client; anything else thrown
 * is an internal error and is never echoed.
 */
public abstract class CrmException extends RuntimeException {

    protected CrmException(String message) {
        super(message, null, false, false);
    }

    public abstract ErrorCode code();

    /** Extra machine-readable facts for {@code extensions} (field, limit, current version, ...). */
    public Map<String, Object> details() {
        return Map.of();
    }
}
