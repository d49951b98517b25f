package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.bench.AuditOutage;

/**
 * Done-when of issue 12 item 6: the audit table refuses writes for two simulated hours while
 * customers are created and updated; afterwards every version of every changed record has exactly
 * one audit row. The same outage on the audit stream's old settings (5 retries, 1 hour) loses rows,
 * which shows the check can fail. The 5,000-change run is {@code AuditOutageBench}.
 */
class AuditOutageEndToEndTest {

    private static final int CUSTOMERS = 100;
    private static final int UPDATES_EACH = 4;
    private static final String REDRIVE_QUEUE =
            "arn:aws:sqs:cn-north-1:123456789012:crm-dev-audit-redrive";
    private static final String REDRIVE_DLQ =
            "arn:aws:sqs:cn-north-1:123456789012:crm-dev-audit-redrive-dlq";

    @Test
    void everyVersionGetsExactlyOneAuditRow_afterTheAuditTableRefusedWritesForTwoHours()
            throws Exception {
        try (LocalCloud cloud = start(TestSupport.PROJECT_TEMPLATE)) {
            // GIVEN the audit table gone for two simulated hours WHEN 500 changes happen
            AuditOutage.Result result =
                    new AuditOutage(cloud)
                            .run(
                                    new AuditOutage.Plan(
                                            CUSTOMERS,
                                            UPDATES_EACH,
                                            AuditOutage.TWO_HOURS,
                                            Duration.ofSeconds(40)));

            // THEN once it is back, each of the 500 versions has one row, none two
            assertEquals(CUSTOMERS * (UPDATES_EACH + 1), result.changes());
            assertEquals(Map.of(1, CUSTOMERS * (UPDATES_EACH + 1)), result.rowsByVersionCount());
            // and nothing of the audit stream went to the dead-letter file
            assertTrue(
                    !Files.exists(cloud.deadLetterFile())
                            || !Files.readString(cloud.deadLetterFile())
                                    .contains("AuditStreamFunction"));
        }
    }

    @Test
    void theOldAuditStreamSettings_loseRows_inTheSameOutage() throws Exception {
        Path oldSettings = templateWithTheOldAuditSettings();
        try (LocalCloud cloud = start(oldSettings)) {
            AuditOutage.Result result =
                    new AuditOutage(cloud)
                            .run(
                                    new AuditOutage.Plan(
                                            10,
                                            UPDATES_EACH,
                                            AuditOutage.TWO_HOURS,
                                            Duration.ofSeconds(5)));

            assertTrue(
                    result.rowsByVersionCount().getOrDefault(0, 0) > 0,
                    "versions without a row: " + result.rowsByVersionCount());
        }
    }

    @Test
    void recordsOlderThanTheMappingAllows_areReDrivenFromTheStream_onceTheTableIsBack()
            throws Exception {
        try (LocalCloud cloud = start(TestSupport.PROJECT_TEMPLATE)) {
            List<Integer> heldDuringOutage = new ArrayList<>();
            // GIVEN an outage of 21 simulated hours: the first changes pass the mapping's 20 h,
            // so the audit function gives them up to AuditRedriveQueue, whose re-drive fails
            // while the table is gone
            AuditOutage.Result result =
                    new AuditOutage(cloud)
                            .run(
                                    new AuditOutage.Plan(
                                            20,
                                            UPDATES_EACH,
                                            Duration.ofHours(21),
                                            Duration.ofSeconds(30)),
                                    () -> {
                                        TestSupport.await(
                                                "a given-up batch in the re-drive queue",
                                                () ->
                                                        !cloud.queueMessages(REDRIVE_QUEUE)
                                                                .isEmpty());
                                        pauseForAFailedRedrive();
                                        heldDuringOutage.add(
                                                cloud.queueMessages(REDRIVE_QUEUE).size());
                                    });

            // THEN the re-drive, delivered again after the visibility timeout, filled the gap
            assertTrue(heldDuringOutage.get(0) > 0);
            assertEquals(Map.of(1, 20 * (UPDATES_EACH + 1)), result.rowsByVersionCount());
            TestSupport.await(
                    "the re-drive queue to empty",
                    () -> cloud.queueMessages(REDRIVE_QUEUE).isEmpty());
            assertEquals(List.of(), cloud.queueMessages(REDRIVE_DLQ));
        }
    }

    private static void pauseForAFailedRedrive() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static LocalCloud start(Path template) throws Exception {
        return LocalCloud.start(LocalCloudOptions.forTests(template.toAbsolutePath().normalize()));
    }

    /**
     * template.yaml as it was before item 6: 5 retries, records dropped after an hour, given-up
     * batches to the stream DLQ that nothing reads.
     */
    private static Path templateWithTheOldAuditSettings() throws Exception {
        String current = Files.readString(TestSupport.PROJECT_TEMPLATE);
        String old =
                current.replace("MaximumRetryAttempts: -1", "MaximumRetryAttempts: 5")
                        .replace(
                                "MaximumRecordAgeInSeconds: 72000",
                                "MaximumRecordAgeInSeconds: 3600")
                        .replace(
                                "Destination: !GetAtt AuditRedriveQueue.Arn",
                                "Destination: !GetAtt StreamDeadLetterQueue.Arn");
        assertTrue(!old.equals(current), "the audit section changed shape; update this test");
        // next to template.yaml, so relative paths in it resolve alike
        Path file =
                TestSupport.PROJECT_TEMPLATE.resolveSibling("infra/target/old-audit-template.yaml");
        Files.writeString(file, old);
        return file;
    }
}
