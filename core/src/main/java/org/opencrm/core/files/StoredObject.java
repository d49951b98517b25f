package org.opencrm.core.files;

/**
 * An object the bucket reports as created (from its {@code ObjectCreated} event).
 *
 * @param key the object key
 * @param size its length in bytes, as stored
 * @param eTag its entity tag, so a later read gets exactly these bytes ({@code If-Match})
 */
public record StoredObject(String key, long size, String eTag) {}
