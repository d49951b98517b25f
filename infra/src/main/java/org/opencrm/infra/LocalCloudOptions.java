package org.opencrm.infra;

import java.nio.file.Path;
import java.util.Optional;
import org.opencrm.infra.streams.StreamFaults;

/**
 * How to run the local cloud.
 *
 * @param templateFile the SAM template to run
 * @param port HTTP port on 127.0.0.1; 0 picks a free one (tests)
 * @param inMemory DynamoDB Local and S3Proxy keep nothing on disk; dead letters go to a temp dir
 * @param dataDir where tables, objects ({@code s3/}), stream checkpoints and dead letters live when
 *     not in memory
 * @param demo load the demo data set through the API on first start
 * @param stage a value for the template's {@code Stage} parameter, which names every resource and
 *     is the functions' environment name ({@code CRM_ENVIRONMENT}); empty keeps the template's
 *     default. Any stage but {@value #DEV_STAGE} runs as the deployed stack does, without GraphiQL,
 *     the dashboard or the {@code /_local/} routes
 * @param streamFaults faults the stream pollers inject (duplicate deliveries, failures after the
 *     function ran): {@link StreamFaults#NONE} but in the stream soak bench
 */
public record LocalCloudOptions(
        Path templateFile,
        int port,
        boolean inMemory,
        Path dataDir,
        boolean demo,
        Optional<String> stage,
        StreamFaults streamFaults) {

    public static final int DEFAULT_PORT = 8080;
    public static final Path DEFAULT_DATA_DIR = Path.of(".crm-data");

    /** The stage with the local tools: GraphiQL, the dashboard, {@code /_local/}. */
    public static final String DEV_STAGE = "dev";

    /**
     * {@code serve} without flags: template.yaml of the working directory, port 8080, data in
     * .crm-data/, the template's default stage (dev).
     */
    public static LocalCloudOptions defaults() {
        return new LocalCloudOptions(
                Path.of("template.yaml"),
                DEFAULT_PORT,
                false,
                DEFAULT_DATA_DIR,
                false,
                Optional.empty(),
                StreamFaults.NONE);
    }

    /** In memory on a free port, the template's default stage: what a test wants. */
    public static LocalCloudOptions forTests(Path templateFile) {
        return new LocalCloudOptions(
                templateFile,
                0,
                true,
                DEFAULT_DATA_DIR,
                false,
                Optional.empty(),
                StreamFaults.NONE);
    }

    /**
     * Whether the local tools (GraphiQL, the dashboard, {@code /_local/}) are served: at the
     * template's default stage and at stage dev.
     */
    public boolean localTools() {
        return stage.map(DEV_STAGE::equals).orElse(true);
    }

    public LocalCloudOptions withPort(int newPort) {
        return new LocalCloudOptions(
                templateFile, newPort, inMemory, dataDir, demo, stage, streamFaults);
    }

    public LocalCloudOptions withInMemory(boolean newInMemory) {
        return new LocalCloudOptions(
                templateFile, port, newInMemory, dataDir, demo, stage, streamFaults);
    }

    public LocalCloudOptions withDataDir(Path newDataDir) {
        return new LocalCloudOptions(
                templateFile, port, inMemory, newDataDir, demo, stage, streamFaults);
    }

    public LocalCloudOptions withDemo(boolean newDemo) {
        return new LocalCloudOptions(
                templateFile, port, inMemory, dataDir, newDemo, stage, streamFaults);
    }

    public LocalCloudOptions withStage(String newStage) {
        return new LocalCloudOptions(
                templateFile, port, inMemory, dataDir, demo, Optional.of(newStage), streamFaults);
    }

    public LocalCloudOptions withStreamFaults(StreamFaults newStreamFaults) {
        return new LocalCloudOptions(
                templateFile, port, inMemory, dataDir, demo, stage, newStreamFaults);
    }
}
