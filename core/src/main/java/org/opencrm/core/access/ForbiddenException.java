package org.opencrm.core.access;

import java.util.Map;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.ErrorCode;

/** The caller may see the record or operation but not do this to it. */
public final class ForbiddenException extends CrmException {

    private final String operation;

    public ForbiddenException(String operation, String message) {
        super(message);
        this.operation = operation;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.FORBIDDEN;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("operation", operation);
    }
}
