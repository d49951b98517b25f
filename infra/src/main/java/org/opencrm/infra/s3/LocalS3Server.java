package org.opencrm.infra.s3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;
import org.jclouds.filesystem.FilesystemApiMetadata;
import org.jclouds.filesystem.reference.FilesystemConstants;

/**
 * S3Proxy 2.6.0 in this JVM on a free loopback port: a real S3 REST API that checks SigV4
 * signatures (headers and presigned URLs, their expiry included), over jclouds' filesystem store
 * (objects are plain files under the data directory) or its in-memory store.
 *
 * <p>Every object it creates is announced to the listener set with {@link #onObjectCreated}, on
 * S3Proxy's request thread.
 */
public final class LocalS3Server implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final String STARTED = "STARTED";

    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private volatile Consumer<ObjectCreated> listener = created -> {};

    /** Whether {@link #ensureBucket} made the bucket or found it (a restart on the same data). */
    public enum BucketOutcome {
        CREATED,
        EXISTS
    }

    private LocalS3Server(BlobStoreContext context, String accessKeyId, String secretAccessKey) {
        this.context = context;
        this.proxy =
                S3Proxy.builder()
                        .blobStore(new NotifyingBlobStore(context.getBlobStore(), this::announce))
                        .endpoint(URI.create("http://127.0.0.1:0"))
                        .awsAuthentication(
                                AuthenticationType.AWS_V2_OR_V4, accessKeyId, secretAccessKey)
                        .build();
    }

    /**
     * Starts S3Proxy and waits until it listens.
     *
     * @param dataDir where objects are kept across restarts; empty for an in-memory store
     * @param accessKeyId the one identity S3Proxy accepts (alphanumeric: the same dummy key works
     *     for DynamoDB Local, which refuses others)
     * @param secretAccessKey its secret
     */
    public static LocalS3Server start(
            Optional<Path> dataDir, String accessKeyId, String secretAccessKey) throws Exception {
        BlobStoreContext context = blobStore(dataDir);
        try {
            LocalS3Server server = new LocalS3Server(context, accessKeyId, secretAccessKey);
            server.proxy.start();
            server.awaitStarted();
            return server;
        } catch (Exception | Error failed) {
            context.close();
            throw failed;
        }
    }

    private static BlobStoreContext blobStore(Optional<Path> dataDir) throws Exception {
        if (dataDir.isEmpty()) {
            return ContextBuilder.newBuilder(new TransientApiMetadata())
                    .build(BlobStoreContext.class);
        }
        Files.createDirectories(dataDir.get());
        Properties overrides = new Properties();
        overrides.setProperty(
                FilesystemConstants.PROPERTY_BASEDIR, dataDir.get().toAbsolutePath().toString());
        // by metadata, never by provider name: the name lookup loads every provider's classes,
        // Azure's among them, which the pom leaves out
        return ContextBuilder.newBuilder(new FilesystemApiMetadata())
                .overrides(overrides)
                .build(BlobStoreContext.class);
    }

    /** S3Proxy's start() returns before Jetty listens; its state says when it does. */
    private void awaitStarted() throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!STARTED.equals(proxy.getState())) {
            if (Instant.now().isAfter(deadline)) {
                proxy.stop();
                throw new IllegalStateException(
                        "S3Proxy did not start within " + START_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(5);
        }
    }

    /** Where object events go from now on (one listener; the local cloud's notifications). */
    public void onObjectCreated(Consumer<ObjectCreated> newListener) {
        this.listener = newListener;
    }

    private void announce(ObjectCreated created) {
        listener.accept(created);
    }

    /** Creates the bucket unless it exists already (a restart on the same data directory). */
    public BucketOutcome ensureBucket(String bucketName) {
        boolean created = context.getBlobStore().createContainerInLocation(null, bucketName);
        return created ? BucketOutcome.CREATED : BucketOutcome.EXISTS;
    }

    public int port() {
        return proxy.getPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } finally {
            context.close();
        }
    }
}
