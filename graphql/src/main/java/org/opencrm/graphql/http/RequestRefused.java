package org.opencrm.graphql.http;

import java.util.Map;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.ErrorCode;

/** A request the guards refuse before (or instead of) running it: its HTTP status and headers. */
final class RequestRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient CrmException reason;
    private final transient Map<String, String> headers;

    RequestRefused(int status, CrmException reason, Map<String, String> headers) {
        super(reason.getMessage(), null, false, false);
        this.status = status;
        this.reason = reason;
        this.headers = Map.copyOf(headers);
    }

    int status() {
        return status;
    }

    ErrorCode code() {
        return reason.code();
    }

    Map<String, Object> details() {
        return reason.details();
    }

    Map<String, String> headers() {
        return headers;
    }
}
