package org.opencrm.infra;

import java.nio.file.Path;

/**
 * How to run the local cloud.
 *
 * @param templateFile the SAM template to run
 * @param port HTTP port on 127.0.0.1; 0 picks a free one (tests)
 * @param inMemory DynamoDB Local and S3Proxy keep nothing on disk; dead letters go to a temp dir
 * @param dataDir where tables, objects ({@code s3/}), stream checkpoints and dead letters live when
 *     not in memory
 * @param demo load the demo data set through the API on first start
 */
public record LocalCloudOptions(
        Path templateFile, int port, boolean inMemory, Path dataDir, boolean demo) {

    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_DATA_DIR = Path.of(".crm-data");

    /**
     * {@code serve} without flags: template.yaml of the working directory, port 8080, data in
     * .crm-data/.
     */
    public static LocalCloudOptions defaults() {
        return new LocalCloudOptions(
                Path.of("template.yaml"), DEFAULT_PORT, false, DEFAULT_DATA_DIR, false);
    }

    /** In memory on a free port: what a test wants. */
    public static LocalCloudOptions forTests(Path templateFile) {
        return new LocalCloudOptions(templateFile, 0, true, DEFAULT_DATA_DIR, false);
    }

    public LocalCloudOptions withPort(int newPort) {
        return new LocalCloudOptions(templateFile, newPort, inMemory, dataDir, demo);
    }

    public LocalCloudOptions withInMemory(boolean newInMemory) {
        return new LocalCloudOptions(templateFile, port, newInMemory, dataDir, demo);
    }

    public LocalCloudOptions withDataDir(Path newDataDir) {
        return new LocalCloudOptions(templateFile, port, inMemory, newDataDir, demo);
    }

    public LocalCloudOptions withDemo(boolean newDemo) {
        return new LocalCloudOptions(templateFile, port, inMemory, dataDir, newDemo);
    }
}
