package org.opencrm.infra.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.store.S3Clients;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.aws.LocalAws;
import org.opencrm.infra.fixtures.RecordingS3Handler;
import org.opencrm.infra.streams.DeadLetterSink;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The local cloud's S3 API over real HTTP: S3Proxy with the fixture template's bucket, URLs
 * presigned by core's {@link S3Clients} exactly as the functions will sign them, sent with
 * java.net.http as a client app would.
 */
class LocalS3Test {

    private static final java.nio.file.Path TEMPLATE =
            java.nio.file.Path.of("src/test/resources/files-template.yaml");
    private static final String BUCKET = "fixture-test-files";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    private static LocalCloud cloud;
    private static S3Clients s3;

    @BeforeAll
    static void start() throws Exception {
        cloud = LocalCloud.start(LocalCloudOptions.forTests(TEMPLATE));
        s3 = clientsOf(cloud);
    }

    @AfterAll
    static void stop() {
        s3.close();
        cloud.close();
    }

    /** The clients a function of this cloud builds, from the variables the cloud gives it. */
    static S3Clients clientsOf(LocalCloud running) {
        return S3Clients.from(
                RuntimeEnvironment.of(
                        Map.of(
                                RuntimeEnvironment.S3_ENDPOINT_URL,
                                running.s3Endpoint().toString(),
                                "AWS_ACCESS_KEY_ID",
                                LocalAws.ACCESS_KEY_ID,
                                "AWS_SECRET_ACCESS_KEY",
                                LocalAws.SECRET_ACCESS_KEY,
                                RuntimeEnvironment.REGION,
                                LocalAws.REGION,
                                RuntimeEnvironment.FILES_BUCKET,
                                running.bucketName("Files"))));
    }

    static PresignedPutObjectRequest presignPut(
            S3Clients clients, String key, String contentType, long length, Duration validFor) {
        return clients.presigner()
                .presignPutObject(
                        r ->
                                r.signatureDuration(validFor)
                                        .putObjectRequest(
                                                o ->
                                                        o.bucket(clients.bucket())
                                                                .key(key)
                                                                .contentType(contentType)
                                                                .contentLength(length)));
    }

    static URI presignGet(S3Clients clients, String key, Duration validFor) {
        try {
            return clients.presigner()
                    .presignGetObject(
                            r ->
                                    r.signatureDuration(validFor)
                                            .getObjectRequest(
                                                    o -> o.bucket(clients.bucket()).key(key)))
                    .url()
                    .toURI();
        } catch (java.net.URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * PUTs the body to a presigned URL with the content type given; java.net.http sets Host and
     * Content-Length itself (from the body).
     */
    static HttpResponse<String> put(URI url, String contentType, byte[] body) {
        return send(
                HttpRequest.newBuilder(url)
                        .header("Content-Type", contentType)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static HttpResponse<String> put(PresignedPutObjectRequest presigned, byte[] body) {
        return put(uri(presigned), "text/csv", body);
    }

    static HttpResponse<byte[]> get(URI url) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(url).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private static URI uri(PresignedPutObjectRequest presigned) {
        try {
            return presigned.url().toURI();
        } catch (java.net.URISyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static byte[] csv(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void presignedPut_boundToTypeAndLength_uploads_andAPresignedGetReadsTheSameBytes() {
        // GIVEN an upload URL for a 17-byte CSV
        byte[] body = csv("name,phone\nA,1\n\n");
        PresignedPutObjectRequest upload =
                presignPut(s3, "imports/a.csv", "text/csv", body.length, Duration.ofMinutes(5));

        // WHEN the client PUTs exactly that
        HttpResponse<String> stored = put(upload, body);

        // THEN it is stored, and a download URL gives the bytes back with their type
        assertEquals(200, stored.statusCode(), stored.body());
        assertEquals(
                List.of("content-length", "content-type", "host"),
                upload.signedHeaders().keySet().stream().sorted().toList());
        HttpResponse<byte[]> read = get(presignGet(s3, "imports/a.csv", Duration.ofMinutes(5)));
        assertEquals(200, read.statusCode());
        assertArrayEquals(body, read.body());
        assertEquals("text/csv", read.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void presignedPut_withAnotherContentType_isRefused() {
        byte[] body = csv("a,b\n");
        PresignedPutObjectRequest upload =
                presignPut(s3, "imports/typed.csv", "text/csv", body.length, Duration.ofMinutes(5));

        HttpResponse<String> refused = put(uri(upload), "text/html", body);

        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("SignatureDoesNotMatch"), refused.body());
    }

    @Test
    void presignedPut_withAnotherLength_isRefused() {
        PresignedPutObjectRequest upload =
                presignPut(s3, "imports/sized.csv", "text/csv", 4, Duration.ofMinutes(5));

        HttpResponse<String> refused = put(upload, csv("a,b,c,d\n"));

        assertEquals(403, refused.statusCode(), refused.body());
    }

    @Test
    void tamperedUrls_areRefused_signatureOrKeyOrExpiryChanged() {
        // GIVEN a stored object and a one-minute download URL for it
        byte[] body = csv("x\n");
        assertEquals(
                200,
                put(presignPut(s3, "imports/t.csv", "text/csv", 2, Duration.ofMinutes(5)), body)
                        .statusCode());
        String url = presignGet(s3, "imports/t.csv", Duration.ofSeconds(60)).toString();
        int signature = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        String otherSignature =
                url.substring(0, signature)
                        + (url.charAt(signature) == 'a' ? 'b' : 'a')
                        + url.substring(signature + 1);

        // WHEN its signature, key or expiry is changed THEN S3 refuses each
        assertEquals(403, get(URI.create(otherSignature)).statusCode());
        assertEquals(
                403, get(URI.create(url.replace("imports/t.csv", "imports/a.csv"))).statusCode());
        assertEquals(
                403,
                get(URI.create(url.replace("X-Amz-Expires=60", "X-Amz-Expires=600"))).statusCode());
        // AND the untouched URL still works, so the refusals came from the changes
        assertEquals(200, get(URI.create(url)).statusCode());
    }

    /**
     * S3Proxy checks expiry against the machine clock, and the SDK's presigner has no clock of its
     * own to set back; so the URL is signed valid for one second and used after two.
     */
    @Test
    void expiredUrls_areRefused() throws Exception {
        byte[] body = csv("late\n");
        PresignedPutObjectRequest upload =
                presignPut(s3, "imports/late.csv", "text/csv", body.length, Duration.ofSeconds(1));
        URI download = presignGet(s3, "imports/a.csv", Duration.ofSeconds(1));

        Thread.sleep(2_100);

        HttpResponse<String> refusedUpload = put(upload, body);
        assertEquals(403, refusedUpload.statusCode(), refusedUpload.body());
        assertEquals(403, get(download).statusCode());
    }

    @Test
    void objectUnderTheEventsPrefix_reachesTheFunctionOnce_withKeySizeETagAndSequencer()
            throws Exception {
        // GIVEN an object PUT under uploads/ and one outside the prefix
        byte[] body = csv("id,name\n1,Ann\n");
        assertEquals(
                200,
                put(
                                presignPut(
                                        s3,
                                        "uploads/u-1/leads.csv",
                                        "text/csv",
                                        body.length,
                                        Duration.ofMinutes(5)),
                                body)
                        .statusCode());
        assertEquals(
                200,
                put(
                                presignPut(
                                        s3,
                                        "elsewhere/leads.csv",
                                        "text/csv",
                                        body.length,
                                        Duration.ofMinutes(5)),
                                body)
                        .statusCode());

        // WHEN the notification has had time to arrive (and to arrive twice, if it would)
        TestSupport.await(
                "the upload's event", () -> !RecordingS3Handler.under("uploads/u-1/").isEmpty());
        Thread.sleep(500);

        // THEN exactly one event, for the object as stored; none for the other object
        List<S3EventNotificationRecord> records = RecordingS3Handler.under("uploads/u-1/");
        assertEquals(1, records.size());
        S3EventNotificationRecord record = records.get(0);
        assertEquals("ObjectCreated:Put", record.getEventName());
        assertEquals(BUCKET, record.getS3().getBucket().getName());
        assertEquals("uploads/u-1/leads.csv", record.getS3().getObject().getUrlDecodedKey());
        assertEquals(body.length, record.getS3().getObject().getSizeAsLong());
        assertEquals(
                HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)),
                record.getS3().getObject().geteTag());
        assertFalse(record.getS3().getObject().getSequencer().isEmpty());
        assertEquals(List.of(), RecordingS3Handler.under("elsewhere/"));
    }

    @Test
    void copyAndMultipartUpload_eachReachTheFunctionOnce_underTheirOwnEventNames()
            throws Exception {
        // GIVEN an object copied into uploads/ and another uploaded there in two parts
        byte[] body = csv("copied\n");
        s3.client()
                .putObject(
                        o -> o.bucket(BUCKET).key("imports/source.csv"),
                        RequestBody.fromBytes(body));
        s3.client()
                .copyObject(
                        c ->
                                c.sourceBucket(BUCKET)
                                        .sourceKey("imports/source.csv")
                                        .destinationBucket(BUCKET)
                                        .destinationKey("uploads/copied.csv"));
        byte[] part = new byte[5 * 1024 * 1024]; // S3's smallest part but the last
        String uploadId =
                s3.client()
                        .createMultipartUpload(o -> o.bucket(BUCKET).key("uploads/parts.bin"))
                        .uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (int number = 1; number <= 2; number++) {
            int partNumber = number;
            String eTag =
                    s3.client()
                            .uploadPart(
                                    u ->
                                            u.bucket(BUCKET)
                                                    .key("uploads/parts.bin")
                                                    .uploadId(uploadId)
                                                    .partNumber(partNumber),
                                    RequestBody.fromBytes(part))
                            .eTag();
            parts.add(CompletedPart.builder().partNumber(partNumber).eTag(eTag).build());
        }
        s3.client()
                .completeMultipartUpload(
                        c ->
                                c.bucket(BUCKET)
                                        .key("uploads/parts.bin")
                                        .uploadId(uploadId)
                                        .multipartUpload(m -> m.parts(parts)));

        // WHEN both events have had time to arrive (and any extra one, too)
        TestSupport.await(
                "both events",
                () ->
                        !RecordingS3Handler.under("uploads/copied.csv").isEmpty()
                                && !RecordingS3Handler.under("uploads/parts.bin").isEmpty());
        Thread.sleep(500);

        // THEN one of each, named as S3 names them, sized as stored; the parts announced nothing
        List<S3EventNotificationRecord> copied = RecordingS3Handler.under("uploads/copied.csv");
        List<S3EventNotificationRecord> assembled = RecordingS3Handler.under("uploads/parts.bin");
        assertEquals(1, copied.size());
        assertEquals("ObjectCreated:Copy", copied.get(0).getEventName());
        assertEquals(body.length, copied.get(0).getS3().getObject().getSizeAsLong());
        assertEquals(1, assembled.size());
        assertEquals("ObjectCreated:CompleteMultipartUpload", assembled.get(0).getEventName());
        assertEquals(2L * part.length, assembled.get(0).getS3().getObject().getSizeAsLong());
    }

    @Test
    void failingFunction_isTriedThreeTimes_thenTheEventGoesToTheDeadLetters() throws Exception {
        // GIVEN an object under broken/, whose event the function always throws on
        byte[] body = csv("boom\n");
        assertEquals(
                200,
                put(
                                presignPut(
                                        s3,
                                        "broken/b.csv",
                                        "text/csv",
                                        body.length,
                                        Duration.ofMinutes(5)),
                                body)
                        .statusCode());

        // WHEN the retries are spent (after 1 s and 2 s)
        DeadLetterSink letters = new DeadLetterSink(cloud.deadLetterFile());
        TestSupport.await("the dead letter", () -> deadLettersOf(letters, "broken/b.csv") == 1);

        // THEN the function saw it three times: the first try and two retries
        assertEquals(3, RecordingS3Handler.under("broken/b.csv").size());
    }

    private static long deadLettersOf(DeadLetterSink letters, String key) {
        try {
            return letters.readAll().stream()
                    .map(letter -> letter.path("records").path(0))
                    .map(JsonNode.class::cast)
                    .filter(object -> key.equals(object.path("key").asText()))
                    .count();
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}
