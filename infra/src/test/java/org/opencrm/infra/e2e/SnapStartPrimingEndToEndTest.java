package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crac.Resource;
import org.junit.jupiter.api.Test;
import org.opencrm.functions.Priming;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.aws.LocalAws;
import org.opencrm.template.FunctionSpec;
import org.opencrm.template.SamTemplate;

/**
 * SnapStart priming (template.yaml gives every function SnapStart): every function the template
 * declares registers one, and running them all, as the checkpoint does, fails nowhere and writes
 * nothing.
 */
class SnapStartPrimingEndToEndTest extends LocalCloudEndToEnd {

    private static final Set<String> WRITES =
            Set.of(
                    "PutItem",
                    "UpdateItem",
                    "DeleteItem",
                    "BatchWriteItem",
                    "TransactWriteItems",
                    "Publish",
                    "PutObject",
                    "CopyObject",
                    "DeleteObject");

    @Test
    void everyFunctionOfTheTemplate_registersPriming_thatReadsAndNeverWrites() throws Exception {
        // GIVEN every function of template.yaml through its init phase, as before a snapshot
        List<FunctionSpec> functions =
                FunctionSpec.allIn(
                        SamTemplate.load(
                                TestSupport.PROJECT_TEMPLATE,
                                LocalAws.REGION,
                                LocalAws.ACCOUNT_ID));
        Map<String, Object> handlers = new LinkedHashMap<>();
        functions.forEach(
                function ->
                        handlers.put(function.logicalId(), cloud.initialise(function.logicalId())));

        // WHEN each handler's priming runs as the checkpoint runs it
        List<String> unprimed = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        handlers.forEach(
                (function, handler) ->
                        Priming.registeredFor(handler)
                                .ifPresentOrElse(
                                        priming ->
                                                operations.addAll(
                                                        DynamoOperations.during(
                                                                () -> checkpoint(priming))),
                                        () -> unprimed.add(function)));

        // THEN every function has one
        assertEquals(List.of(), unprimed, "functions without priming");
        assertTrue(functions.size() >= 30, "the template's functions: " + functions.size());
        // AND they read (the API's customer query, the users' status) but never write
        assertTrue(operations.contains("GetItem"), operations.toString());
        assertEquals(
                List.of(),
                operations.stream().filter(WRITES::contains).toList(),
                "writes while priming");
    }

    @Test
    void theCallRecorder_seesTheCallsOfAThreadThePrimingStarts() {
        // WHEN work calls DynamoDB on a thread of its own, as a priming could
        List<String> operations =
                DynamoOperations.during(
                        () -> {
                            Thread helper = new Thread(() -> cloud.dynamo().listTables());
                            helper.start();
                            joined(helper);
                        });

        // THEN the recorder saw that call, so a write there would fail the test above
        assertEquals(List.of("ListTables"), operations);
    }

    private static void joined(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", stopped);
        }
    }

    private static void checkpoint(Resource priming) {
        try {
            priming.beforeCheckpoint(null);
        } catch (Exception failed) {
            throw new AssertionError("priming failed", failed);
        }
    }
}
