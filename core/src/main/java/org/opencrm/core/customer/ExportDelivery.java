package org.opencrm.core.customer;

/**
 * How a customer export reaches the client: small ones inline in the GraphQL answer, larger ones as
 * a file in the files bucket behind a presigned download URL (an answer carrying thousands of rows
 * would outgrow what API Gateway and a synchronous Lambda may return).
 */
public enum ExportDelivery {
    /** The CSV document is in the answer. */
    INLINE,
    /** The CSV document is a file to download from a presigned URL. */
    URL;

    /** The most rows an export answers inline; one more and it goes by URL. */
    public static final int INLINE_ROW_LIMIT = 1_000;

    public static ExportDelivery forRows(int rowCount) {
        return rowCount > INLINE_ROW_LIMIT ? URL : INLINE;
    }
}
