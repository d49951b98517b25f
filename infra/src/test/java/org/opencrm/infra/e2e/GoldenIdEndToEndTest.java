package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.infra.TestSupport;

/**
 * Issue 12's identities that hold still, in the local cloud over HTTP: the golden id is
 * assigned once when a customer or lead is created, survives every later change, and {@code
 * customerByGoldenId} finds the customer by it, also by the id of a lead that was linked to it.
 */
class GoldenIdEndToEndTest extends LocalCloudEndToEnd {

    private static final String FIND =
            "query($g: String!) { customerByGoldenId(goldenId: $g) { id phone goldenId } }";
    private static final String CREATE =
            "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id version goldenId"
                    + " } }";
    private static final String UPDATE =
            "mutation($id: ID!, $v: Int!, $in: UpdateCustomerInput!) { updateCustomer(id: $id,"
                    + " expectedVersion: $v, input: $in) { version phone goldenId } }";
    // a well-formed national id (its check digit holds)
    private static final String NATIONAL_ID = "11010519491231002X";

    private final String region = "r" + UUID.randomUUID().toString().substring(0, 8);
    private final String team = "t" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void goldenId_survivesAPhoneChangeAndANationalId_andCustomerByGoldenIdFindsTheCustomer() {
        // GIVEN a rep's customer with a phone
        String rep = api.createUser(ApiClient.unique("rep"), "SALES_REP", region, team, null);
        String firstPhone = ApiClient.uniqueMobile();
        JsonNode created =
                api.data(
                                rep,
                                CREATE,
                                Map.of("in", Map.of("name", "Golden Ltd", "phone", firstPhone)))
                        .get("createCustomer");
        String id = created.get("id").asText();
        String goldenId = created.get("goldenId").asText();
        assertTrue(goldenId.matches("[0-9a-f]{64}"), goldenId);

        // WHEN the phone changes, then a national id is added
        String newPhone = ApiClient.uniqueMobile();
        JsonNode moved =
                api.data(
                                rep,
                                UPDATE,
                                Map.of(
                                        "id",
                                        id,
                                        "v",
                                        created.get("version").asInt(),
                                        "in",
                                        Map.of("phone", newPhone)))
                        .get("updateCustomer");
        JsonNode identified =
                api.data(
                                rep,
                                UPDATE,
                                Map.of(
                                        "id",
                                        id,
                                        "v",
                                        moved.get("version").asInt(),
                                        "in",
                                        Map.of("nationalId", NATIONAL_ID)))
                        .get("updateCustomer");

        // THEN the golden id is the one it got at creation, and it finds the customer as it is now
        assertEquals("+86" + newPhone, moved.get("phone").asText());
        assertEquals(goldenId, moved.get("goldenId").asText());
        assertEquals(goldenId, identified.get("goldenId").asText());
        JsonNode found = api.data(rep, FIND, Map.of("g", goldenId)).get("customerByGoldenId");
        assertEquals(id, found.get("id").asText());
        assertEquals("+86" + newPhone, found.get("phone").asText());

        // WHEN someone else's new customer takes the phone the first one gave up
        JsonNode successor =
                api.data(rep, CREATE, Map.of("in", Map.of("name", "Next Ltd", "phone", firstPhone)))
                        .get("createCustomer");

        // THEN it gets an id of its own, and the first id still names the first customer only
        String successorGoldenId = successor.get("goldenId").asText();
        assertNotEquals(goldenId, successorGoldenId);
        assertEquals(
                id,
                api.data(rep, FIND, Map.of("g", goldenId)).at("/customerByGoldenId/id").asText());
        assertEquals(
                successor.get("id").asText(),
                api.data(rep, FIND, Map.of("g", successorGoldenId))
                        .at("/customerByGoldenId/id")
                        .asText());

        // ... and a rep of another region cannot find it by its golden id (no existence leak)
        String stranger =
                api.createUser(
                        ApiClient.unique("rep"), "SALES_REP", "elsewhere-" + region, team, null);
        JsonNode refused = api.run(stranger, FIND, Map.of("g", goldenId));
        assertEquals("NOT_FOUND", ApiClient.outcome(refused), refused.toString());
    }

    @Test
    void aLeadLinkedToAnExistingCustomer_keepsItsOwnGoldenId_andItResolvesToThatCustomer() {
        // GIVEN a rep, and a lead of their region with a phone and a national id, assigned to them
        String repId = ApiClient.unique("rep");
        String rep = api.createUser(repId, "SALES_REP", region, team, null);
        String phone = ApiClient.uniqueMobile();
        JsonNode accepted =
                ingest(
                        Map.of(
                                "tel",
                                phone,
                                "name",
                                "Prospect",
                                "city",
                                region,
                                "身份证",
                                NATIONAL_ID));
        assertEquals("ACCEPTED", accepted.get("status").asText(), accepted.toString());
        String leadId = accepted.get("leadId").asText();
        TestSupport.await(
                "the lead's assignment", () -> repId.equals(lead(leadId).get("ownerId").asText()));
        String leadGoldenId = lead(leadId).get("goldenId").asText();

        // WHEN the same prospect is delivered again, with a longer name
        JsonNode merged = ingest(Map.of("tel", phone, "name", "Prospect Zhang", "city", region));

        // THEN it merges into the lead, which keeps its golden id
        assertEquals("MERGED", merged.get("status").asText(), merged.toString());
        assertEquals(leadId, merged.get("matchedId").asText());
        assertEquals(leadGoldenId, lead(leadId).get("goldenId").asText());

        // WHEN the rep creates a customer with that phone (no national id known) and then
        // converts the lead
        JsonNode customer =
                api.data(rep, CREATE, Map.of("in", Map.of("name", "Zhang", "phone", phone)))
                        .get("createCustomer");
        String customerId = customer.get("id").asText();
        String customerGoldenId = customer.get("goldenId").asText();
        assertNotEquals(leadGoldenId, customerGoldenId);
        JsonNode converted =
                api.data(
                                rep,
                                "mutation($id: ID!, $v: Int!) { convertLead(id: $id, expectedVersion:"
                                        + " $v) { status customerId goldenId } }",
                                Map.of("id", leadId, "v", lead(leadId).get("version").asInt()))
                        .get("convertLead");

        // THEN the lead is linked to that customer, keeps its own id, and both ids find the
        // customer, whose own id stayed as it was
        assertEquals("CONVERTED", converted.get("status").asText());
        assertEquals(customerId, converted.get("customerId").asText());
        assertEquals(leadGoldenId, converted.get("goldenId").asText());
        for (String goldenId : List.of(leadGoldenId, customerGoldenId)) {
            JsonNode found = api.data(rep, FIND, Map.of("g", goldenId)).get("customerByGoldenId");
            assertEquals(customerId, found.get("id").asText(), goldenId);
            assertEquals(customerGoldenId, found.get("goldenId").asText());
        }
    }

    private static JsonNode ingest(Map<String, Object> record) {
        return api.data(
                        api.adminToken(),
                        "mutation($r: [JSON!]!) { ingestLeads(channel: \"website\", records: $r) {"
                                + " status leadId matchedId } }",
                        Map.of("r", List.of(record)))
                .at("/ingestLeads/0");
    }

    private static JsonNode lead(String leadId) {
        return api.data(
                        api.adminToken(),
                        "query($id: ID!) { lead(id: $id) { version ownerId goldenId } }",
                        Map.of("id", leadId))
                .get("lead");
    }
}
