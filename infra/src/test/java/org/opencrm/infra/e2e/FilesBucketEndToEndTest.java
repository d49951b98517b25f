package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.runtime.RuntimeEnvironment;
import org.opencrm.core.store.S3Clients;
import org.opencrm.infra.TestSupport;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The project template's FilesBucket in the local cloud: the functions' own environment signs an
 * upload the local S3 API accepts, and the upload's event reaches FileArrivedFunction, whose line
 * shows on the console.
 */
class FilesBucketEndToEndTest extends LocalCloudEndToEnd {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @Test
    void uploadSignedWithTheFunctionsEnvironment_isStored_andReachesFileArrivedFunctionOnce()
            throws Exception {
        // GIVEN the clients a function builds from what the local cloud gives it
        byte[] body = "name,phone\nA,13800000000\n".getBytes(StandardCharsets.UTF_8);
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (S3Clients s3 = S3Clients.from(RuntimeEnvironment.current());
                PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            assertEquals(cloud.bucketName("FilesBucket"), s3.bucket());
            PresignedPutObjectRequest upload =
                    s3.presigner()
                            .presignPutObject(
                                    r ->
                                            r.signatureDuration(Duration.ofMinutes(5))
                                                    .putObjectRequest(
                                                            o ->
                                                                    o.bucket(s3.bucket())
                                                                            .key("uploads/e2e.csv")
                                                                            .contentType("text/csv")
                                                                            .contentLength(
                                                                                    (long)
                                                                                            body.length)));
            System.setOut(capture);

            // WHEN a client PUTs the file to the URL
            HttpResponse<String> stored =
                    HTTP.send(
                            HttpRequest.newBuilder(upload.url().toURI())
                                    .header("Content-Type", "text/csv")
                                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            // THEN it is stored, and FileArrivedFunction logs one object of its size
            assertEquals(200, stored.statusCode(), stored.body());
            TestSupport.await("FileArrivedFunction's line", () -> !arrivals(printed).isEmpty());
            Thread.sleep(300);
        } finally {
            System.setOut(console);
        }
        List<JsonNode> lines = arrivals(printed);
        assertEquals(1, lines.size(), printed.toString(StandardCharsets.UTF_8));
        assertEquals("FileArrivedFunction", lines.get(0).path("function_name").asText());
        assertEquals(1, lines.get(0).path("objects").asLong());
        assertEquals(body.length, lines.get(0).path("bytes").asLong());
        assertEquals(URI.create(System.getProperty("AWS_ENDPOINT_URL_S3")), cloud.s3Endpoint());
    }

    private static List<JsonNode> arrivals(ByteArrayOutputStream printed) {
        return printed.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(line -> line.startsWith("{"))
                .map(FilesBucketEndToEndTest::parse)
                .filter(line -> "files".equals(line.path("kind").asText()))
                .toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException notJson) {
            throw new AssertionError("a console line is not JSON: " + line, notJson);
        }
    }
}
