package org.opencrm.core.files;

import java.time.Instant;
import java.util.List;

/**
 * An upload the client sends straight to S3: a presigned PUT and the headers it must send with it
 * (those the signature binds, except Host and Content-Length, which every HTTP stack sets).
 *
 * @param id the upload's id, the last segment of its object key
 * @param url the presigned URL
 * @param method the HTTP method to use, always {@code PUT}
 * @param headers exactly the headers the client sends with the body
 * @param expiresAt when the URL stops working
 */
public record Upload(
        String id, String url, String method, List<Header> headers, Instant expiresAt) {

    /** One header the client must send as given. */
    public record Header(String name, String value) {}
}
