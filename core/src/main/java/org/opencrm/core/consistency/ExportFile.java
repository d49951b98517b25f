package org.opencrm.core.consistency;

/**
 * The uploaded export a diff reads, pinned to the bytes that arrived: kept on the report, so a
 * later invocation continuing the diff reads exactly the same file.
 *
 * @param key the object key in the files bucket
 * @param eTag its entity tag (a read of other bytes is refused)
 * @param size its length in bytes
 * @param sha256 the SHA-256 the uploader declared (lower-case hex), or null
 */
public record ExportFile(String key, String eTag, long size, String sha256) {}
