package org.opencrm.core.idempotency;

import java.util.Map;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.ErrorCode;

/** The key was first sent with another request: nothing is run, nothing replayed. */
public final class IdempotencyKeyReusedException extends CrmException {

    private final String field;

    IdempotencyKeyReusedException(String field) {
        super(
                field
                        + ": this key was first sent with a different request (another body or"
                        + " variables); use a new key for a new request");
        this.field = field;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.IDEMPOTENCY_KEY_REUSED;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("field", field, "rule", "sameRequest");
    }
}
