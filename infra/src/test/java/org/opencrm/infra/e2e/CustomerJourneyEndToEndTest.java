package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.auth.DemoOrg;

/**
 * The whole stack as a client sees it: `serve --in-memory` on a free port, real HTTP with a dev
 * token, the real handlers, DynamoDB Local in server mode, the stream poller feeding the audit
 * function.
 */
class CustomerJourneyEndToEndTest {

    private static LocalCloud cloud;
    private static ApiClient api;
    private static String repToken;

    @BeforeAll
    static void startTheLocalCloud() throws Exception {
        cloud =
                LocalCloud.start(
                        LocalCloudOptions.forTests(
                                TestSupport.PROJECT_TEMPLATE.toAbsolutePath().normalize()));
        api = new ApiClient(cloud);
        repToken = api.tokenOf(DemoOrg.REP_A1);
    }

    @AfterAll
    static void stopTheLocalCloud() throws Exception {
        cloud.close();
    }

    @Test
    void customerJourney_createReadListConflictArchive_leavesOneAuditRowPerChange()
            throws Exception {
        String phone = ApiClient.uniqueMobile();
        JsonNode created =
                api.run(
                        repToken,
                        "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id version phone ownerId } }",
                        Map.of(
                                "in",
                                Map.of(
                                        "name",
                                        "Journey Ltd",
                                        "phone",
                                        "+86 " + phone,
                                        "remark",
                                        "met at the fair")));
        String id = created.at("/data/createCustomer/id").asText();
        assertEquals(1, created.at("/data/createCustomer/version").asInt());
        assertEquals("+86" + phone, created.at("/data/createCustomer/phone").asText());
        assertEquals(DemoOrg.REP_A1.id(), created.at("/data/createCustomer/ownerId").asText());

        JsonNode read =
                api.run(
                        repToken,
                        "query($id: ID!) { customer(id: $id) { name stage region } }",
                        Map.of("id", id));
        assertEquals("Journey Ltd", read.at("/data/customer/name").asText());
        assertEquals("NEW", read.at("/data/customer/stage").asText());
        assertEquals("east", read.at("/data/customer/region").asText());

        JsonNode listed =
                api.run(
                        repToken,
                        "query($owner: ID) { customers(filter: {ownerId: $owner}, first: 20) { edges { node { id } } } }",
                        Map.of("owner", DemoOrg.REP_A1.id()));
        assertTrue(ApiClient.ids(listed.at("/data/customers/edges")).contains(id));

        String update =
                "mutation($id: ID!, $v: Int!, $in: UpdateCustomerInput!) { updateCustomer(id: $id, expectedVersion: $v, input: $in) { version stage } }";
        JsonNode updated =
                api.run(
                        repToken,
                        update,
                        Map.of("id", id, "v", 1, "in", Map.of("remark", "called")));
        assertEquals(2, updated.at("/data/updateCustomer/version").asInt());
        JsonNode stale =
                api.run(
                        repToken,
                        update,
                        Map.of("id", id, "v", 1, "in", Map.of("remark", "stale device")));
        assertEquals("VERSION_CONFLICT", stale.at("/errors/0/extensions/code").asText());
        assertEquals(2, stale.at("/errors/0/extensions/currentVersion").asInt());

        JsonNode archived =
                api.run(
                        repToken,
                        "mutation($id: ID!) { archiveCustomer(id: $id, expectedVersion: 2, reason: \"test journey\") { archived } }",
                        Map.of("id", id));
        assertTrue(archived.at("/data/archiveCustomer/archived").asBoolean());

        List<JsonNode> trail = api.awaitAuditTrail(repToken, id, 3);
        assertEquals(
                List.of("ARCHIVE", "UPDATE", "CREATE"),
                trail.stream().map(e -> e.at("/operation").asText()).toList());
        for (JsonNode entry : trail) {
            assertEquals(DemoOrg.REP_A1.id(), entry.at("/actorId").asText());
            assertEquals("127.0.0.1", entry.at("/sourceIp").asText());
            assertFalse(entry.at("/requestId").asText().isBlank());
        }
        assertEquals("remark", trail.get(1).at("/changes/0/field").asText());
        // later polls must not add rows for changes already recorded
        Thread.sleep(2_500);
        assertEquals(3, api.auditTrail(repToken, id).size());
    }

    @Test
    void racingCreatesWithTheSamePhone_overHttp_makeOneCustomer() {
        String phone = ApiClient.uniqueMobile();
        String create = "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }";
        List<CompletableFuture<JsonNode>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racers.add(
                    CompletableFuture.supplyAsync(
                            () ->
                                    api.run(
                                            repToken,
                                            create,
                                            Map.of(
                                                    "in",
                                                    Map.of("name", "Racer", "phone", phone)))));
        }
        List<JsonNode> results = racers.stream().map(CompletableFuture::join).toList();

        long created =
                results.stream().filter(r -> r.at("/data/createCustomer/id").isTextual()).count();
        long duplicates =
                results.stream()
                        .filter(r -> "DUPLICATE".equals(r.at("/errors/0/extensions/code").asText()))
                        .count();
        assertEquals(1, created, results.toString());
        assertEquals(7, duplicates, results.toString());
    }

    @Test
    void requestsWithoutAToken_areRefusedByTheAuthorizer() {
        HttpResponse<String> response =
                TestSupport.post(
                        cloud,
                        "/graphql",
                        "{\"query\":\"{ environment }\"}",
                        Map.of("content-type", "application/json"));

        assertEquals(401, response.statusCode());
    }

    @Test
    void malformedJson_isA400_notA500() {
        HttpResponse<String> response =
                TestSupport.post(
                        cloud,
                        "/graphql",
                        "{\"query\": ",
                        Map.of(
                                "authorization",
                                "Bearer " + repToken,
                                "content-type",
                                "application/json"));

        assertEquals(400, response.statusCode());
        assertEquals(
                "BAD_USER_INPUT",
                TestSupport.json(response).at("/errors/0/extensions/code").asText());
    }
}
