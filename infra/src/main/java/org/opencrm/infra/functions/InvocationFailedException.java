package org.opencrm.infra.functions;

/**
 * The handler threw, timed out or could not be initialised: what Lambda reports as a function
 * error.
 */
public final class InvocationFailedException extends Exception {

    public InvocationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
