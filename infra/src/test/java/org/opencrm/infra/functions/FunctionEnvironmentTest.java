package org.opencrm.infra.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.template.FunctionSpec;

class FunctionEnvironmentTest {

    private static FunctionSpec function(String logicalId, Map<String, String> environment) {
        return new FunctionSpec(logicalId, "a.B::handleRequest", 3, 128, environment, List.of());
    }

    @Test
    void variablesOfAllFunctions_areMerged_withTheLocalEndpointAndDummyIdentityAdded() {
        FunctionEnvironment environment =
                FunctionEnvironment.of(
                        List.of(
                                function("A", Map.of("TABLE", "t1", "SHARED", "same")),
                                function("B", Map.of("QUEUE", "q1", "SHARED", "same"))),
                        "http://127.0.0.1:1234",
                        "/tmp/secrets.json");

        Map<String, String> variables = environment.variables();
        assertEquals("t1", variables.get("TABLE"));
        assertEquals("q1", variables.get("QUEUE"));
        assertEquals("http://127.0.0.1:1234", variables.get("AWS_ENDPOINT_URL"));
        assertEquals("cn-north-1", variables.get("AWS_REGION"));
        assertEquals("true", variables.get("AWS_EC2_METADATA_DISABLED"));
        assertTrue(
                variables.containsKey("AWS_ACCESS_KEY_ID")
                        && variables.containsKey("AWS_SECRET_ACCESS_KEY"));
        assertEquals("/tmp/secrets.json", variables.get("SECRETS_FILE"));
    }

    @Test
    void twoFunctionsDisagreeingOnAVariable_areRefusedWithBothNames() {
        IllegalStateException refused =
                assertThrows(
                        IllegalStateException.class,
                        () ->
                                FunctionEnvironment.of(
                                        List.of(
                                                function("First", Map.of("MODE", "fast")),
                                                function("Second", Map.of("MODE", "slow"))),
                                        "http://127.0.0.1:1",
                                        "/tmp/secrets.json"));

        assertTrue(
                refused.getMessage().contains("MODE")
                        && refused.getMessage().contains("First")
                        && refused.getMessage().contains("Second"),
                refused.getMessage());
    }

    @Test
    void systemProperties_areSetForHandlers_andRestoredOnClose() throws Exception {
        FunctionEnvironment environment =
                FunctionEnvironment.of(
                        List.of(function("A", Map.of("CRM_TEST_ONLY_VAR", "v"))),
                        "http://127.0.0.1:1",
                        "/tmp/secrets.json");

        try (AutoCloseable applied = environment.applyAsSystemProperties()) {
            assertEquals("v", System.getProperty("CRM_TEST_ONLY_VAR"));
        }
        assertNull(System.getProperty("CRM_TEST_ONLY_VAR"));
    }
}
