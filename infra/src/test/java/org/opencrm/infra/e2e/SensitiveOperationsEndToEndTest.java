package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opencrm.infra.e2e.ApiClient.outcome;
import static org.opencrm.infra.e2e.ApiClient.unique;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.customer.CustomerBulkLoader;
import org.opencrm.core.customer.CustomerFields;
import org.opencrm.core.customer.CustomerStage;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.infra.LocalCloud;
import org.opencrm.infra.LocalCloudOptions;
import org.opencrm.infra.TestSupport;

/**
 * The sensitive-operation breaker and off-boarding as a client and an admin see them (R-27, R-29,
 * over HTTP against the local cloud, with the audit trail fed by the real stream poller.
 */
class SensitiveOperationsEndToEndTest {

    private static final int EXPORT_LIMIT = 500;
    private static final List<CustomerStage> SIX_STAGES =
            List.of(
                    CustomerStage.NEW,
                    CustomerStage.CONTACTED,
                    CustomerStage.NEEDS_CONFIRMED,
                    CustomerStage.DEMO,
                    CustomerStage.NEGOTIATION,
                    CustomerStage.CONTRACT_APPROVAL);

    private static LocalCloud cloud;
    private static ApiClient api;
    private static String admin;
    private static String adminId;

    @BeforeAll
    static void start() throws Exception {
        cloud =
                LocalCloud.start(
                        LocalCloudOptions.forTests(
                                Path.of("../template.yaml").toAbsolutePath().normalize()));
        api = new ApiClient(cloud);
        // an admin of this test's own, so its inbox holds only what this test caused
        adminId = unique("admin");
        admin = api.createUser(adminId, "ADMIN", null, null, null);
    }

    @AfterAll
    static void stop() throws Exception {
        cloud.close();
    }

    @Test
    void export_600RowsInSixConcurrentCalls_suspendsAtThe501stRow_untilAnAdminReinstates() {
        // GIVEN a rep who owns 600 customers, 100 in each of six stages
        String region = unique("r");
        String repId = unique("rep");
        String rep = api.createUser(repId, "SALES_REP", region, region + "-a", null);
        seedCustomers(repId, region + "-a", region);

        // WHEN they export the six stages at once, 100 rows per call
        List<CompletableFuture<JsonNode>> exports =
                SIX_STAGES.stream()
                        .map(
                                stage ->
                                        CompletableFuture.supplyAsync(
                                                () ->
                                                        api.run(
                                                                rep,
                                                                "mutation($f: CustomerFilter) { exportCustomers(filter: $f) { rowCount csv } }",
                                                                Map.of(
                                                                        "f",
                                                                        Map.of(
                                                                                "stage",
                                                                                stage.name())))))
                        .toList();
        List<JsonNode> results = exports.stream().map(CompletableFuture::join).toList();

        // THEN five calls export 100 rows each; the one that would pass 500 is refused and suspends
        // the rep
        List<JsonNode> exported =
                results.stream().filter(body -> "OK".equals(outcome(body))).toList();
        List<JsonNode> refused =
                results.stream().filter(body -> "ACCOUNT_SUSPENDED".equals(outcome(body))).toList();
        assertEquals(5, exported.size(), results.toString());
        assertEquals(1, refused.size(), results.toString());
        exported.forEach(
                body -> assertEquals(100, body.at("/data/exportCustomers/rowCount").asInt()));
        exported.forEach(
                body ->
                        assertEquals(
                                101,
                                body.at("/data/exportCustomers/csv")
                                        .asText()
                                        .split("\r?\n")
                                        .length));
        assertEquals(EXPORT_LIMIT, refused.get(0).at("/errors/0/extensions/limit").asInt());

        // AND the rep's next request is refused, their valid token notwithstanding
        assertEquals(401, api.post(rep, "{ me { id } }", Map.of()).statusCode());

        // AND the admins were told once
        JsonNode inbox =
                api.data(
                        admin,
                        "{ notifications(first: 100) { edges { node { kind payload } } } }",
                        Map.of());
        List<JsonNode> aboutRep =
                StreamSupport.stream(inbox.at("/notifications/edges").spliterator(), false)
                        .map(edge -> edge.get("node"))
                        .filter(node -> repId.equals(node.at("/payload/userId").asText()))
                        .toList();
        assertEquals(1, aboutRep.size(), inbox.toString());
        assertEquals("ACCOUNT_SUSPENDED", aboutRep.get(0).get("kind").asText());
        assertEquals("exportRowsPerDay", aboutRep.get(0).at("/payload/rule").asText());

        // WHEN an admin reinstates them THEN their token works again
        assertEquals(
                "ACTIVE",
                api.data(
                                admin,
                                "mutation($id: ID!) { reinstateUser(id: $id) { status } }",
                                Map.of("id", repId))
                        .at("/reinstateUser/status")
                        .asText());
        assertEquals(repId, api.data(rep, "{ me { id } }", Map.of()).at("/me/id").asText());

        // AND the suspension and the reinstatement are in the rep's audit trail, by whom and why
        List<JsonNode> trail = api.awaitAuditTrail(admin, repId, 3);
        JsonNode reinstated = trail.get(0);
        JsonNode suspended = trail.get(1);
        assertEquals(adminId, reinstated.get("actorId").asText());
        assertEquals("ACTIVE", change(reinstated, "status").get("after").asText());
        assertEquals("system:breaker", suspended.get("actorId").asText());
        assertEquals("SUSPENDED", change(suspended, "status").get("after").asText());
        assertTrue(
                change(suspended, "statusReason").get("after").asText().contains("limit of 500"),
                suspended.toString());
    }

    @Test
    void levelChangedThreeTimesInARow_savesTheThird_andSuspends() {
        // GIVEN a rep and one of their customers
        String region = unique("r");
        String repId = unique("rep");
        String rep = api.createUser(repId, "SALES_REP", region, region + "-a", null);
        String id =
                api.data(
                                rep,
                                "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                                Map.of(
                                        "in",
                                        Map.of(
                                                "name",
                                                "Level Co",
                                                "phone",
                                                ApiClient.uniqueMobile())))
                        .at("/createCustomer/id")
                        .asText();

        // WHEN they change its level three times in a row
        List<String> outcomes = new ArrayList<>();
        for (String level : List.of("A", "B", "C")) {
            outcomes.add(
                    outcome(
                            api.run(
                                    rep,
                                    "mutation($id: ID!, $v: Int!, $l: CustomerLevel) { updateCustomer(id: $id, expectedVersion: $v, input: {level: $l}) { level } }",
                                    Map.of("id", id, "v", outcomes.size() + 1, "l", level))));
        }

        // THEN the third, a committed change, completes the run: it is saved, answered with
        // ACCOUNT_SUSPENDED, and the account suspended
        assertEquals(List.of("OK", "OK", "ACCOUNT_SUSPENDED"), outcomes);
        assertEquals(401, api.post(rep, "{ me { id } }", Map.of()).statusCode());
        assertEquals(
                "C",
                api.data(admin, "query($id: ID!) { customer(id: $id) { level } }", Map.of("id", id))
                        .at("/customer/level")
                        .asText());
    }

    @Test
    void offboarding_stopsTheDepartedRepsTokenWithinSeconds_andHandsTheirCustomersToTheManager() {
        // GIVEN a rep with a team lead and three customers, one of them archived
        String region = unique("r");
        String team = region + "-a";
        String leadId = unique("lead");
        String lead = api.createUser(leadId, "TEAM_LEAD", region, team, null);
        String repId = unique("rep");
        String rep = api.createUser(repId, "SALES_REP", region, team, leadId);
        List<String> theirs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            theirs.add(
                    api.data(
                                    rep,
                                    "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                                    Map.of(
                                            "in",
                                            Map.of(
                                                    "name",
                                                    "Handover " + i,
                                                    "phone",
                                                    ApiClient.uniqueMobile())))
                            .at("/createCustomer/id")
                            .asText());
        }
        api.data(
                rep,
                "mutation($id: ID!) { archiveCustomer(id: $id, expectedVersion: 1, reason: \"dormant\") { id } }",
                Map.of("id", theirs.get(2)));

        // WHEN an admin off-boards the rep without naming a successor
        JsonNode offboarded =
                api.data(
                                admin,
                                "mutation($id: ID!) { offboardUser(id: $id) { user { status handoverTo } successor { id } customersMoved } }",
                                Map.of("id", repId))
                        .get("offboardUser");
        Instant offboardedAt = Instant.now();

        // THEN the manager takes over all three, and the rep's token stops working within seconds
        assertEquals("LEFT", offboarded.at("/user/status").asText());
        assertEquals(leadId, offboarded.at("/successor/id").asText());
        assertEquals(3, offboarded.get("customersMoved").asInt());
        TestSupport.await(
                "the departed rep's token to be refused",
                () -> api.post(rep, "{ me { id } }", Map.of()).statusCode() == 401);
        assertTrue(Duration.between(offboardedAt, Instant.now()).toSeconds() < 6);
        for (String id : theirs) {
            JsonNode customer =
                    api.data(
                                    lead,
                                    "query($id: ID!) { customer(id: $id) { ownerId team } }",
                                    Map.of("id", id))
                            .get("customer");
            assertEquals(leadId, customer.get("ownerId").asText());
            assertEquals(team, customer.get("team").asText());
        }

        // AND it is one audited operation: the user change and every owner change under the admin's
        // request
        List<String> handedOver = new ArrayList<>(theirs);
        handedOver.add(repId);
        TestSupport.await(
                "the handover in the admin's audit trail",
                () -> changesBy(adminId, handedOver).size() == 4);
        List<JsonNode> byAdmin = changesBy(adminId, handedOver);
        assertEquals(
                1,
                byAdmin.stream().map(entry -> entry.get("requestId").asText()).distinct().count(),
                byAdmin.toString());
    }

    @Test
    void breakerThresholds_areVersionedConfiguration_auditedAndRollbackable() {
        // GIVEN the breaker settings as they stand
        JsonNode current =
                api.data(admin, "{ configuration(name: \"breaker\") { version value } }", Map.of())
                        .get("configuration");
        int version = current.get("version").asInt();

        // WHEN an admin writes them twice (the same thresholds, other notes), then rolls back to
        // the first write
        String set =
                "mutation($v: Int!, $value: JSON!, $note: String!) { setConfiguration(name: \"breaker\", expectedVersion: $v, value: $value, note: $note) { version author } }";
        JsonNode first =
                api.data(
                                admin,
                                set,
                                Map.of(
                                        "v",
                                        version,
                                        "value",
                                        current.get("value"),
                                        "note",
                                        "audit check"))
                        .get("setConfiguration");
        api.data(
                admin,
                set,
                Map.of("v", version + 1, "value", current.get("value"), "note", "second"));
        JsonNode rolledBack =
                api.data(
                                admin,
                                "mutation($to: Int!) { rollbackConfig(name: \"breaker\", version: $to) { version rolledBackFrom value } }",
                                Map.of("to", first.get("version").asInt()))
                        .get("rollbackConfig");

        // THEN each change is a new version by that admin, and each is in the audit trail with its
        // actor
        assertEquals(version + 1, first.get("version").asInt());
        assertEquals(adminId, first.get("author").asText());
        assertEquals(version + 3, rolledBack.get("version").asInt());
        assertEquals(version + 1, rolledBack.get("rolledBackFrom").asInt());
        assertEquals(EXPORT_LIMIT, rolledBack.at("/value/exportRowsPerDay").asInt());
        List<JsonNode> trail = api.awaitAuditTrail(admin, "config:breaker", 3);
        assertTrue(
                trail.stream()
                                .filter(entry -> adminId.equals(entry.get("actorId").asText()))
                                .count()
                        >= 3,
                trail.toString());
        // AND a stale writer is refused with the current version
        JsonNode stale =
                api.run(
                        admin,
                        "mutation($value: JSON!) { setConfiguration(name: \"breaker\", expectedVersion: 0, value: $value, note: \"stale\") { version } }",
                        Map.of("value", current.get("value")));
        assertEquals("VERSION_CONFLICT", outcome(stale));
        assertEquals(version + 3, stale.at("/errors/0/extensions/currentVersion").asInt());
    }

    // ------------------------------------------------------------------ helpers

    private static void seedCustomers(String ownerId, String team, String region) {
        Instant now = Instant.now();
        List<Customer> batch = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            CustomerFields fields =
                    new CustomerFields(
                            "Export " + i,
                            "+86" + ApiClient.uniqueMobile(),
                            null,
                            null,
                            SIX_STAGES.get(i % SIX_STAGES.size()),
                            null,
                            region);
            batch.add(
                    Customer.builder()
                            .id(UUID.randomUUID().toString())
                            .version(0)
                            .fields(fields)
                            .ownerId(ownerId)
                            .team(team)
                            .createdAt(now.plusMillis(i))
                            .updatedAt(now)
                            .archived(false)
                            .build());
        }
        new CustomerBulkLoader(cloud.dynamo(), cloud.tableNames())
                .load(batch, new WriteStamp(ownerId, "seed", "127.0.0.1", now));
    }

    private static JsonNode change(JsonNode entry, String field) {
        return StreamSupport.stream(entry.get("changes").spliterator(), false)
                .filter(change -> field.equals(change.get("field").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no change of " + field + " in " + entry));
    }

    /** The actor's audit entries about these records. */
    private static List<JsonNode> changesBy(String actorId, List<String> entityIds) {
        JsonNode page =
                api.data(
                        admin,
                        "query($id: ID!) { auditByActor(userId: $id, first: 100) { edges { node { entityId requestId } } } }",
                        Map.of("id", actorId));
        return StreamSupport.stream(page.at("/auditByActor/edges").spliterator(), false)
                .map(edge -> edge.get("node"))
                .filter(node -> entityIds.contains(node.get("entityId").asText()))
                .toList();
    }
}
