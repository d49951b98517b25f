package org.opencrm.core.error;

public final class UnauthenticatedException extends CrmException {

    public UnauthenticatedException(String message) {
        super(message);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.UNAUTHENTICATED;
    }
}
