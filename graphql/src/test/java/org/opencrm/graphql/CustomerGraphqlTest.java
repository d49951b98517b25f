package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.testing.TestCallers;

class CustomerGraphqlTest {

    private static final String CREATE =
            """
            mutation Create($in: CreateCustomerInput!) {
              createCustomer(input: $in) { id version name phone email stage region ownerId archived createdAt }
            }""";
    private static final String UPDATE =
            """
            mutation Update($id: ID!, $v: Int!, $in: UpdateCustomerInput!) {
              updateCustomer(id: $id, expectedVersion: $v, input: $in) { id version stage remark }
            }""";

    private final GraphqlFixture api = new GraphqlFixture();
    private final Map<String, String> rep = api.freshRep();

    private JsonNode create(Map<String, Object> input) {
        return api.run(rep, CREATE, Map.of("in", input));
    }

    @Test
    void createCustomer_withThreeFields_returnsTheStoredCustomer() {
        String phone = TestCallers.uniqueMobile();

        JsonNode result = create(Map.of("name", "Li Lei", "phone", "+86 " + phone));

        JsonNode customer = result.at("/data/createCustomer");
        assertEquals("Li Lei", customer.at("/name").asText());
        assertEquals("+86" + phone, customer.at("/phone").asText());
        assertEquals("NEW", customer.at("/stage").asText());
        assertEquals(1, customer.at("/version").asInt());
        assertEquals(rep.get("sub"), customer.at("/ownerId").asText());
        assertEquals("east", customer.at("/region").asText());
        assertEquals("dev", result.at("/extensions/environment").asText());
    }

    @Test
    void customer_readsBackWhatWasCreated() {
        String id =
                create(
                                Map.of(
                                        "name",
                                        "Han Meimei",
                                        "email",
                                        "han-" + TestCallers.uniqueMobile() + "@example.com"))
                        .at("/data/createCustomer/id")
                        .asText();

        JsonNode read =
                api.run(
                        rep,
                        "query($id: ID!) { customer(id: $id) { id name version archived } }",
                        Map.of("id", id));

        assertEquals("Han Meimei", read.at("/data/customer/name").asText());
        assertFalse(read.at("/data/customer/archived").asBoolean());
    }

    @Test
    void createCustomer_reportsFieldRuleAndLimit_forATooLongRemark() {
        JsonNode result =
                create(
                        Map.of(
                                "name",
                                "Li Lei",
                                "phone",
                                TestCallers.uniqueMobile(),
                                "remark",
                                "x".repeat(2417)));

        JsonNode error = result.at("/errors/0");
        assertEquals("remark: at most 2000 characters, got 2417", error.at("/message").asText());
        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText());
        assertEquals("remark", error.at("/extensions/field").asText());
        assertEquals("maxLength", error.at("/extensions/rule").asText());
        assertEquals(2000, error.at("/extensions/limit").asInt());
        assertTrue(
                result.at("/data/createCustomer").isMissingNode() || result.at("/data").isNull());
    }

    @Test
    void createCustomer_reportsEachBadFieldAsItsOwnError() {
        JsonNode result = create(Map.of("name", "Li Lei", "phone", "138****1234", "email", "nope"));

        assertEquals(2, result.at("/errors").size());
        assertEquals("phone", result.at("/errors/0/extensions/field").asText());
        assertEquals("masked", result.at("/errors/0/extensions/rule").asText());
        assertEquals("email", result.at("/errors/1/extensions/field").asText());
    }

    @Test
    void createCustomer_refusesDuplicatePhone_withTheExistingId() {
        String phone = TestCallers.uniqueMobile();
        String first =
                create(Map.of("name", "Li Lei", "phone", phone))
                        .at("/data/createCustomer/id")
                        .asText();

        JsonNode again = create(Map.of("name", "Lei Li", "phone", "0086 " + phone));

        assertEquals("DUPLICATE", again.at("/errors/0/extensions/code").asText());
        assertEquals("phone", again.at("/errors/0/extensions/field").asText());
        assertEquals(first, again.at("/errors/0/extensions/existingId").asText());
    }

    @Test
    void settingACustomersStage_isRefusedAsBadInput_becauseTheStageFollowsItsDeals() {
        String id =
                create(Map.of("name", "Li Lei", "phone", TestCallers.uniqueMobile()))
                        .at("/data/createCustomer/id")
                        .asText();

        JsonNode update =
                api.run(rep, UPDATE, Map.of("id", id, "v", 1, "in", Map.of("stage", "SIGNED")));
        JsonNode creation =
                create(
                        Map.of(
                                "name", "Han Meimei",
                                "phone", TestCallers.uniqueMobile(),
                                "stage", "SIGNED"));

        for (JsonNode refused : List.of(update, creation)) {
            assertEquals("BAD_USER_INPUT", refused.at("/errors/0/extensions/code").asText());
            assertEquals("stage", refused.at("/errors/0/extensions/field").asText());
            assertEquals("derivedFromDeals", refused.at("/errors/0/extensions/rule").asText());
        }
    }

    @Test
    void updateCustomer_refusesStaleVersion_carryingTheCurrentVersion() {
        String id =
                create(Map.of("name", "Li Lei", "phone", TestCallers.uniqueMobile()))
                        .at("/data/createCustomer/id")
                        .asText();
        JsonNode first =
                api.run(rep, UPDATE, Map.of("id", id, "v", 1, "in", Map.of("remark", "called")));

        JsonNode stale =
                api.run(
                        rep,
                        UPDATE,
                        Map.of("id", id, "v", 1, "in", Map.of("remark", "from the other phone")));

        assertEquals(2, first.at("/data/updateCustomer/version").asInt());
        assertEquals("VERSION_CONFLICT", stale.at("/errors/0/extensions/code").asText());
        assertEquals(2, stale.at("/errors/0/extensions/currentVersion").asInt());
    }

    @Test
    void archiveAndRestore_roundTrip() {
        String id =
                create(Map.of("name", "Li Lei", "phone", TestCallers.uniqueMobile()))
                        .at("/data/createCustomer/id")
                        .asText();

        JsonNode archived =
                api.run(
                        rep,
                        "mutation($id: ID!) { archiveCustomer(id: $id, expectedVersion: 1, reason: \"left the company\") { archived archiveReason version } }",
                        Map.of("id", id));
        JsonNode restored =
                api.run(
                        rep,
                        "mutation($id: ID!) { restoreCustomer(id: $id, expectedVersion: 2) { archived version } }",
                        Map.of("id", id));

        assertTrue(archived.at("/data/archiveCustomer/archived").asBoolean());
        assertEquals(
                "left the company", archived.at("/data/archiveCustomer/archiveReason").asText());
        assertFalse(restored.at("/data/restoreCustomer/archived").asBoolean());
        assertEquals(3, restored.at("/data/restoreCustomer/version").asInt());
    }

    @Test
    void customers_isARelayConnection_pagedByCursor() {
        for (int i = 0; i < 3; i++) {
            create(Map.of("name", "C" + i, "phone", TestCallers.uniqueMobile()));
        }
        String query =
                "query($f: CustomerFilter, $after: String) { customers(filter: $f, first: 2, after: $after) "
                        + "{ edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }";
        Map<String, Object> mine = Map.of("ownerId", rep.get("sub"));

        JsonNode first = api.run(rep, query, Map.of("f", mine));
        String after = first.at("/data/customers/pageInfo/endCursor").asText();
        JsonNode second = api.run(rep, query, Map.of("f", mine, "after", after));

        assertEquals("C2", first.at("/data/customers/edges/0/node/name").asText());
        assertEquals("C1", first.at("/data/customers/edges/1/node/name").asText());
        assertTrue(first.at("/data/customers/pageInfo/hasNextPage").asBoolean());
        assertEquals("C0", second.at("/data/customers/edges/0/node/name").asText());
        assertFalse(second.at("/data/customers/pageInfo/hasNextPage").asBoolean());
    }

    @Test
    void customers_refusesPagesOverOneHundred() {
        JsonNode result = api.run(rep, "{ customers(first: 500) { edges { cursor } } }", Map.of());

        assertEquals("BAD_USER_INPUT", result.at("/errors/0/extensions/code").asText());
        assertEquals("first", result.at("/errors/0/extensions/field").asText());
    }

    @Test
    void customer_reportsNotFound_withCode() {
        JsonNode result = api.run(rep, "{ customer(id: \"nobody\") { id } }", Map.of());

        assertEquals("NOT_FOUND", result.at("/errors/0/extensions/code").asText());
    }

    @Test
    void exportCustomers_ofAFewRows_answersTheCsvInline_withNoDownloadUrl() {
        // GIVEN a rep with two customers
        String first =
                create(Map.of("name", "Export One", "phone", TestCallers.uniqueMobile()))
                        .at("/data/createCustomer/id")
                        .asText();
        create(Map.of("name", "Export Two", "phone", TestCallers.uniqueMobile()));

        // WHEN they export their customers
        JsonNode export =
                api.run(
                                rep,
                                "mutation { exportCustomers { rowCount delivery csv downloadUrl expiresAt } }",
                                Map.of())
                        .at("/data/exportCustomers");

        // THEN the CSV is in the answer (header and two lines, no byte order mark), and there is
        // nothing to download
        assertEquals(2, export.get("rowCount").asInt(), export.toString());
        assertEquals("INLINE", export.get("delivery").asText());
        String csv = export.get("csv").asText();
        assertTrue(csv.startsWith("id,"), csv);
        assertEquals(3, csv.lines().count(), csv);
        assertTrue(csv.contains(first), csv);
        assertTrue(export.get("downloadUrl").isNull(), export.toString());
        assertTrue(export.get("expiresAt").isNull(), export.toString());
    }
}
