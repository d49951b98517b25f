package org.opencrm.infra.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencrm.core.store.S3Clients;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;

/** File mode: the objects live under the data directory and outlast a restart. */
class LocalS3RestartTest {

    private static final Path TEMPLATE = Path.of("src/test/resources/files-template.yaml");

    @TempDir Path dataDir;

    private LocalCloud startOnDisk(ByteArrayOutputStream console) throws Exception {
        return LocalCloud.start(
                LocalCloudOptions.forTests(TEMPLATE).withInMemory(false).withDataDir(dataDir),
                new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @Test
    void restartOnTheSameDataDirectory_keepsTheBucketAndItsObjects() throws Exception {
        // GIVEN a cloud on disk where an object was uploaded, then stopped
        byte[] body = "kept\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream firstConsole = new ByteArrayOutputStream();
        try (LocalCloud first = startOnDisk(firstConsole);
                S3Clients s3 = LocalS3Test.clientsOf(first)) {
            assertEquals(
                    200,
                    LocalS3Test.put(
                                    LocalS3Test.presignPut(
                                            s3,
                                            "imports/kept.csv",
                                            "text/csv",
                                            body.length,
                                            Duration.ofMinutes(5)),
                                    body)
                            .statusCode());
        }

        // WHEN it starts again on the same directory
        ByteArrayOutputStream secondConsole = new ByteArrayOutputStream();
        try (LocalCloud second = startOnDisk(secondConsole);
                S3Clients s3 = LocalS3Test.clientsOf(second)) {

            // THEN the bucket is found, not made, and the object reads back
            String first = firstConsole.toString(StandardCharsets.UTF_8);
            String again = secondConsole.toString(StandardCharsets.UTF_8);
            assertTrue(first.contains("bucket fixture-test-files (Files): created"), first);
            assertTrue(again.contains("bucket fixture-test-files (Files): exists"), again);
            var read =
                    LocalS3Test.get(
                            LocalS3Test.presignGet(s3, "imports/kept.csv", Duration.ofMinutes(5)));
            assertEquals(200, read.statusCode());
            assertArrayEquals(body, read.body());
        }
    }
}
