package org.opencrm.core.files;

/** What became of one object the bucket reported; counted on the arrival function's log line. */
public enum ArrivalOutcome {
    /** The upload did what it was for (an attachment exists, an import started). */
    ACCEPTED,
    /** The object is not what was declared (size, checksum, content): the upload is refused. */
    REFUSED,
    /** A redelivered event of an upload already handled; nothing was done twice. */
    ALREADY_HANDLED,
    /** No upload was declared for this key, or its declaration has expired: nothing to do. */
    UNDECLARED
}
