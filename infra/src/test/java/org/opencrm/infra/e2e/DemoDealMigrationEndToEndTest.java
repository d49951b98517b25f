package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.auth.DemoOrg;

/**
 * {@code serve --demo}: the demo customers' stages come as data from before deals and go through
 * the deal migration the local cloud runs at start; their stages read as the demo data has them.
 */
class DemoDealMigrationEndToEndTest {

    @TempDir Path dataDir;

    @Test
    void demoCustomersPastNew_startWithOneMigratedDealEach_andKeepTheirStage() throws Exception {
        try (LocalCloud cloud =
                LocalCloud.start(
                        LocalCloudOptions.forTests(
                                        TestSupport.PROJECT_TEMPLATE.toAbsolutePath().normalize())
                                .withDataDir(dataDir)
                                .withDemo(true))) {
            ApiClient api = new ApiClient(cloud);
            String rep = api.tokenOf(DemoOrg.REP_A2);

            // WHEN the rep lists their customers and their deals
            JsonNode customers =
                    api.data(
                            rep,
                            "{ customers(first: 20) { edges { node { id name stage } } } }",
                            Map.of());
            JsonNode deals =
                    api.data(
                            rep,
                            "{ deals(first: 20) { edges { node { customerId title stage } } } }",
                            Map.of());

            // THEN (demo data: Bund CONTACTED, Wuxi NEGOTIATION, Nanjing SIGNED) each has one
            // deal at its stage, and its stage is what the demo data set
            Map<String, String> stageByName = new HashMap<>();
            Map<String, String> idByName = new HashMap<>();
            for (JsonNode edge : customers.at("/customers/edges")) {
                stageByName.put(edge.at("/node/name").asText(), edge.at("/node/stage").asText());
                idByName.put(edge.at("/node/name").asText(), edge.at("/node/id").asText());
            }
            assertEquals("NEGOTIATION", stageByName.get("Wuxi Precision Parts"));
            assertEquals("SIGNED", stageByName.get("Nanjing Garden Hotels"));
            assertEquals("CONTACTED", stageByName.get("Shanghai Bund Consulting"));
            Map<String, String> dealStageByCustomer = new HashMap<>();
            for (JsonNode edge : deals.at("/deals/edges")) {
                String previous =
                        dealStageByCustomer.put(
                                edge.at("/node/customerId").asText(),
                                edge.at("/node/stage").asText());
                assertEquals(null, previous, "one deal per customer: " + deals);
            }
            assertEquals(3, dealStageByCustomer.size(), deals.toString());
            assertEquals(
                    "NEGOTIATION", dealStageByCustomer.get(idByName.get("Wuxi Precision Parts")));
            assertEquals("SIGNED", dealStageByCustomer.get(idByName.get("Nanjing Garden Hotels")));
        }
    }
}
