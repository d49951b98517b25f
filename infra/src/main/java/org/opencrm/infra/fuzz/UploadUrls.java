package org.opencrm.infra.fuzz;

import java.net.URI;
import java.time.Duration;
import org.opencrm.infra.aws.LocalAws;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigned PUTs to the files bucket for keys no upload declared, signed with the local cloud's
 * dummy identity: what anyone holding bucket rights could put under {@code uploads/}, so the
 * arrival function meets object names of every shape.
 */
final class UploadUrls {

    private final S3Presigner presigner;
    private final String bucket;

    UploadUrls(URI endpoint, String bucket) {
        this.bucket = bucket;
        this.presigner =
                endpoint == null
                        ? null
                        : S3Presigner.builder()
                                .endpointOverride(endpoint)
                                .region(Region.of(LocalAws.REGION))
                                .credentialsProvider(LocalAws.credentials())
                                .serviceConfiguration(
                                        S3Configuration.builder()
                                                .pathStyleAccessEnabled(true)
                                                .build())
                                .build();
    }

    /** The URL to PUT {@code size} bytes at {@code key}. */
    String presignedPut(String key, long size) {
        if (presigner == null) {
            throw new IllegalStateException("no bucket endpoint to fuzz uploads against");
        }
        return presigner
                .presignPutObject(
                        put ->
                                put.signatureDuration(Duration.ofMinutes(30))
                                        .putObjectRequest(
                                                object ->
                                                        object.bucket(bucket)
                                                                .key(key)
                                                                .contentLength(size)))
                .url()
                .toString();
    }
}
