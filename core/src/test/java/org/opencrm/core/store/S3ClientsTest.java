package org.opencrm.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.runtime.RuntimeEnvironment;

/** Presigning is local computation: these tests sign URLs and read them, with no server. */
class S3ClientsTest {

    private static Map<String, String> identity() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", "crmlocal");
        env.put("AWS_SECRET_ACCESS_KEY", "crmlocal");
        env.put(RuntimeEnvironment.REGION, "cn-north-1");
        env.put(RuntimeEnvironment.FILES_BUCKET, "crm-dev-files");
        return env;
    }

    private static URL presignedGet(S3Clients s3) {
        return s3.presigner()
                .presignGetObject(
                        r ->
                                r.signatureDuration(Duration.ofMinutes(5))
                                        .getObjectRequest(
                                                o -> o.bucket(s3.bucket()).key("uploads/a.csv")))
                .url();
    }

    @Test
    void localEndpoint_presignsPathStyleUrlsOnThatEndpoint() {
        // GIVEN the local cloud's S3 endpoint in the environment
        Map<String, String> env = identity();
        env.put(RuntimeEnvironment.S3_ENDPOINT_URL, "http://127.0.0.1:9999");

        // WHEN a download URL is presigned
        try (S3Clients s3 = S3Clients.from(RuntimeEnvironment.of(env))) {
            URL url = presignedGet(s3);

            // THEN it names the bucket in the path of the loopback endpoint
            assertEquals("127.0.0.1", url.getHost());
            assertEquals(9999, url.getPort());
            assertEquals("/crm-dev-files/uploads/a.csv", url.getPath());
        }
    }

    @Test
    void withoutALocalEndpoint_presignsForTheRegionsVirtualHostedBucket() {
        try (S3Clients s3 = S3Clients.from(RuntimeEnvironment.of(identity()))) {
            URL url = presignedGet(s3);

            assertEquals("crm-dev-files.s3.cn-north-1.amazonaws.com.cn", url.getHost());
            assertEquals("/uploads/a.csv", url.getPath());
            assertTrue(url.getQuery().contains("X-Amz-Credential=crmlocal"), url.getQuery());
        }
    }

    @Test
    void missingBucketVariable_isRefusedWithItsName() {
        Map<String, String> env = identity();
        env.put(RuntimeEnvironment.FILES_BUCKET, " ");

        IllegalStateException error =
                assertThrows(
                        IllegalStateException.class,
                        () -> S3Clients.from(RuntimeEnvironment.of(env)));
        assertTrue(error.getMessage().contains("FILES_BUCKET"), error.getMessage());
    }
}
