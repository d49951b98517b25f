package org.opencrm.infra.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.infra.Json;
import org.opencrm.infra.auth.DemoOrg;
import org.opencrm.infra.auth.DemoOrg.DemoUser;
import org.opencrm.infra.auth.DevTokens;

/**
 * The demo data set, created through the served GraphQL API with each owner's token, so every rule
 * (validation, uniqueness, access) applies to it as to any other data. Its stages are those of a
 * deployment from before deals (issue 14): written as such data has them, then turned into deals by
 * the migration the local cloud runs at every start, as an upgraded deployment's are.
 */
public final class DemoData {

    static final String MARKER_FILE = "demo-loaded";
    private static final String CREATE_CUSTOMER =
            "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }";

    record DemoCustomer(
            DemoUser owner,
            String name,
            String phone,
            String email,
            String wechatId,
            String stage,
            String remark) {}

    static final List<DemoCustomer> CUSTOMERS =
            List.of(
                    new DemoCustomer(
                            DemoOrg.REP_A1,
                            "Hangzhou Mingcha Trading",
                            "138 1234 5601",
                            "buyer@mingcha.example",
                            "mingcha_hz",
                            "NEW",
                            "Met at the Hangzhou tea fair"),
                    new DemoCustomer(
                            DemoOrg.REP_A1,
                            "Ningbo Harbour Logistics",
                            "139 2234 5602",
                            "ops@nbharbour.example",
                            "nb_harbour",
                            "CONTACTED",
                            "Wants a quote for 40 seats"),
                    new DemoCustomer(
                            DemoOrg.REP_A1,
                            "Suzhou Silk Works",
                            "137 3234 5603",
                            "li.na@suzhousilk.example",
                            "szsilk",
                            "NEGOTIATION",
                            "Budget approved for Q3"),
                    new DemoCustomer(
                            DemoOrg.REP_A2,
                            "Shanghai Bund Consulting",
                            "136 4234 5604",
                            "hello@bundconsult.example",
                            "bund_consult",
                            "CONTACTED",
                            "Proposal sent, follow up Friday"),
                    new DemoCustomer(
                            DemoOrg.REP_A2,
                            "Wuxi Precision Parts",
                            "135 5234 5605",
                            "purchasing@wuxipp.example",
                            "wuxi_pp",
                            "NEGOTIATION",
                            "Asking for a 5% discount"),
                    new DemoCustomer(
                            DemoOrg.REP_A2,
                            "Nanjing Garden Hotels",
                            "158 6234 5606",
                            "gm@njgarden.example",
                            "nj_garden",
                            "SIGNED",
                            "Two-year contract signed"),
                    new DemoCustomer(
                            DemoOrg.REP_B1,
                            "Hefei Solar Tech",
                            "159 7234 5607",
                            "zhang.wei@hfsolar.example",
                            "hf_solar",
                            "NEW",
                            "Inbound from the website"),
                    new DemoCustomer(
                            DemoOrg.REP_B1,
                            "Xiamen Coffee Roasters",
                            "186 8234 5608",
                            "team@xmcoffee.example",
                            "xm_coffee",
                            "CONTACTED",
                            "Prefers WeChat over phone"),
                    new DemoCustomer(
                            DemoOrg.REP_B1,
                            "Fuzhou Ceramics",
                            "187 9234 5609",
                            "sales@fzceramics.example",
                            "fz_ceramics",
                            "LOST",
                            "Chose a competitor on price"),
                    new DemoCustomer(
                            DemoOrg.REP_S1,
                            "Guangzhou Dim Sum Group",
                            "188 1334 5610",
                            "chen@gzdimsum.example",
                            "gz_dimsum",
                            "CONTACTED",
                            "Twelve branches, pilot in one"),
                    new DemoCustomer(
                            DemoOrg.REP_S1,
                            "Shenzhen Drone Labs",
                            "189 2334 5611",
                            "cto@szdrone.example",
                            "sz_drone",
                            "NEW",
                            "Needs API access"),
                    new DemoCustomer(
                            DemoOrg.REP_S1,
                            "Foshan Furniture Mall",
                            "150 3334 5612",
                            "buyer@fsfurniture.example",
                            "fs_furniture",
                            "NEGOTIATION",
                            "Decision after Spring Festival"));

    private DemoData() {}

    /** Writes a customer's stage as data from before deals has it (no API sets it any more). */
    @FunctionalInterface
    public interface LegacyStage {
        void set(String customerId, String stage);
    }

    /**
     * Loads the data set unless {@code dataDir} says it was loaded before; returns what happened,
     * for the log.
     */
    public static String loadOnce(
            URI graphqlEndpoint, DevTokens tokens, Path dataDir, LegacyStage legacyStage)
            throws IOException, InterruptedException {
        Path marker = dataDir.resolve(MARKER_FILE);
        if (Files.exists(marker)) {
            return "demo data already loaded (delete " + marker + " to load again)";
        }
        HttpClient http =
                HttpClient.newBuilder()
                        .proxy(HttpClient.Builder.NO_PROXY)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
        int created = 0;
        for (DemoCustomer customer : CUSTOMERS) {
            JsonNode answer = create(http, graphqlEndpoint, tokens, customer);
            String id = answer.at("/data/createCustomer/id").asText("");
            if (id.isEmpty()) {
                System.err.println("[demo] " + customer.name() + ": " + answer);
                continue;
            }
            if (!"NEW".equals(customer.stage())) {
                legacyStage.set(id, customer.stage());
            }
            created++;
        }
        if (created == CUSTOMERS.size()) {
            Files.writeString(marker, "loaded\n");
        }
        return "demo data: created " + created + " of " + CUSTOMERS.size() + " customers";
    }

    /** The API's answer, or an {@code errors} body naming the HTTP failure. */
    private static JsonNode create(
            HttpClient http, URI endpoint, DevTokens tokens, DemoCustomer customer)
            throws IOException, InterruptedException {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", customer.name());
        input.put("phone", customer.phone());
        input.put("email", customer.email());
        input.put("wechatId", customer.wechatId());
        input.put("remark", customer.remark());
        input.put("region", customer.owner().region().orElseThrow());
        String body =
                Json.MAPPER.writeValueAsString(
                        Map.of("query", CREATE_CUSTOMER, "variables", Map.of("in", input)));
        HttpRequest request =
                HttpRequest.newBuilder(endpoint)
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + tokens.mint(customer.owner()))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return Json.MAPPER.valueToTree(
                    Map.of("errors", "HTTP " + response.statusCode() + " " + response.body()));
        }
        return Json.MAPPER.readTree(response.body());
    }
}
