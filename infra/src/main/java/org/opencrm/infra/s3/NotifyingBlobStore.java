package org.opencrm.infra.s3;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

/**
 * The blob store under S3Proxy, seeing every object it creates: each of S3Proxy's writes that ends
 * in a stored object goes through one of these methods and returns only once the store holds it, so
 * the announcement never runs ahead of a reader.
 *
 * <p>The announcement runs on S3Proxy's request thread: the listener must only hand it on.
 */
final class NotifyingBlobStore extends ForwardingBlobStore {

    private static final String PREFIX = "ObjectCreated:";

    private final Consumer<ObjectCreated> listener;
    private final AtomicLong sequence = new AtomicLong();

    /**
     * Uploads in progress. The filesystem and in-memory stores keep a multipart upload as a
     * zero-byte stub object named by the upload id: its put is no object of the bucket.
     */
    private final Set<String> multipartUploadIds = ConcurrentHashMap.newKeySet();

    NotifyingBlobStore(BlobStore delegate, Consumer<ObjectCreated> listener) {
        super(delegate);
        this.listener = listener;
    }

    /** S3Proxy 2.6.0 calls the two-argument form only for a browser's POST form upload. */
    @Override
    public String putBlob(String container, Blob blob) {
        String eTag = super.putBlob(container, blob);
        announce("Post", container, blob.getMetadata().getName(), eTag);
        return eTag;
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        String eTag = super.putBlob(container, blob, options);
        String key = blob.getMetadata().getName();
        if (!multipartUploadIds.contains(key)) {
            announce("Put", container, key, eTag);
        }
        return eTag;
    }

    @Override
    public String copyBlob(
            String fromContainer,
            String fromName,
            String toContainer,
            String toName,
            CopyOptions options) {
        String eTag = super.copyBlob(fromContainer, fromName, toContainer, toName, options);
        announce("Copy", toContainer, toName, eTag);
        return eTag;
    }

    @Override
    public MultipartUpload initiateMultipartUpload(
            String container, BlobMetadata blobMetadata, PutOptions options) {
        MultipartUpload upload = super.initiateMultipartUpload(container, blobMetadata, options);
        multipartUploadIds.add(upload.id());
        return upload;
    }

    @Override
    public void abortMultipartUpload(MultipartUpload upload) {
        super.abortMultipartUpload(upload);
        multipartUploadIds.remove(upload.id());
    }

    @Override
    public String completeMultipartUpload(MultipartUpload upload, List<MultipartPart> parts) {
        String eTag = super.completeMultipartUpload(upload, parts);
        multipartUploadIds.remove(upload.id());
        announce("CompleteMultipartUpload", upload.containerName(), upload.blobName(), eTag);
        return eTag;
    }

    private void announce(String kind, String bucket, String key, String eTag) {
        BlobMetadata stored = delegate().blobMetadata(bucket, key);
        long size = stored == null || stored.getSize() == null ? 0 : stored.getSize();
        listener.accept(
                new ObjectCreated(
                        PREFIX + kind,
                        bucket,
                        key,
                        size,
                        unquoted(eTag),
                        String.format("%016X", nextSequence())));
    }

    /**
     * Increasing within this store and across restarts on the same data: microseconds of the
     * machine clock, or one more than the last if the clock has not moved on.
     */
    private long nextSequence() {
        long now = System.currentTimeMillis() * 1000;
        return sequence.accumulateAndGet(now, (last, clock) -> Math.max(last + 1, clock));
    }

    private static String unquoted(String eTag) {
        if (eTag == null) {
            return null;
        }
        return eTag.replace("\"", "");
    }
}
