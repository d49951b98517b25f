package org.opencrm.core.idempotency;

import java.util.Map;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.ErrorCode;

/** The first request with this key is still running: its answer will be replayed once done. */
public final class IdempotencyInProgressException extends CrmException {

    private final String field;
    private final long retryAfterSeconds;

    IdempotencyInProgressException(String field, long retryAfterSeconds) {
        super(
                field
                        + ": the first request with this key is still running; retry after "
                        + retryAfterSeconds
                        + " s to get its answer");
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.IDEMPOTENCY_IN_PROGRESS;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("field", field, "retryAfterSeconds", retryAfterSeconds);
    }
}
