package org.opencrm.infra.s3;

/**
 * An object the local S3 API has just stored, as S3 would announce it.
 *
 * @param eventName S3's event name: {@code ObjectCreated:Put}, {@code :Post}, {@code :Copy} or
 *     {@code :CompleteMultipartUpload}
 * @param bucket the bucket's name
 * @param key the object key
 * @param size the stored object's size in bytes
 * @param eTag the object's ETag, without the quotes HTTP puts around it
 * @param sequencer orders the events of one key, as S3's own hexadecimal sequencer does
 */
public record ObjectCreated(
        String eventName, String bucket, String key, long size, String eTag, String sequencer) {}
