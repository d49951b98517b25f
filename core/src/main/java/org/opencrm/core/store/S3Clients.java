package org.opencrm.core.store;

import java.net.URI;
import java.util.Optional;
import org.opencrm.core.runtime.RuntimeEnvironment;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 client and presigner of the files bucket, built once per container from the function's
 * environment, like {@link DynamoClients}.
 *
 * <p>In AWS both use the SDK's defaults (virtual-hosted addressing, flexible checksums). When
 * {@code AWS_ENDPOINT_URL_S3} names a local S3 API (the local cloud's S3Proxy on 127.0.0.1), they
 * address buckets by path, since a loopback address has no bucket subdomains, and compute checksums
 * only where S3 requires them: S3Proxy does not accept the SDK's default CRC32 trailers on chunked
 * uploads.
 *
 * @param client the S3 client (CRT HTTP client, as every SDK client of the functions)
 * @param presigner signs upload and download URLs with the same identity and addressing
 * @param bucket the files bucket's name ({@code FILES_BUCKET})
 */
public record S3Clients(S3Client client, S3Presigner presigner, String bucket)
        implements AutoCloseable {

    public static S3Clients from(RuntimeEnvironment env) {
        // first: a missing variable must fail before any client (and its threads) exists
        String bucket = env.require(RuntimeEnvironment.FILES_BUCKET);
        Optional<URI> localEndpoint = env.find(RuntimeEnvironment.S3_ENDPOINT_URL).map(URI::create);
        Region region = Region.of(env.find(RuntimeEnvironment.REGION).orElse("cn-north-1"));
        S3ClientBuilder client =
                S3Client.builder()
                        .httpClientBuilder(DynamoClients.httpClient())
                        .region(region)
                        .credentialsProvider(DynamoClients.credentials(env));
        S3Presigner.Builder presigner =
                S3Presigner.builder()
                        .region(region)
                        .credentialsProvider(DynamoClients.credentials(env));
        localEndpoint.ifPresent(
                endpoint -> {
                    client.endpointOverride(endpoint)
                            .forcePathStyle(true)
                            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
                    presigner
                            .endpointOverride(endpoint)
                            .serviceConfiguration(
                                    S3Configuration.builder().pathStyleAccessEnabled(true).build());
                });
        return new S3Clients(client.build(), presigner.build(), bucket);
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
    }
}
