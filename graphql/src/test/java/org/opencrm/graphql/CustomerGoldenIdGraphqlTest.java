package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.testing.TestCallers;

/** R-07 through the schema: the golden id holds still and customerByGoldenId finds its customer. */
class CustomerGoldenIdGraphqlTest {

    private static final String CREATE =
            """
            mutation Create($in: CreateCustomerInput!) {
              createCustomer(input: $in) { id version goldenId }
            }""";
    private static final String UPDATE =
            """
            mutation Update($id: ID!, $v: Int!, $in: UpdateCustomerInput!) {
              updateCustomer(id: $id, expectedVersion: $v, input: $in) { id version phone goldenId }
            }""";
    private static final String BY_GOLDEN_ID =
            """
            query ByGoldenId($goldenId: String!) {
              customerByGoldenId(goldenId: $goldenId) { id name goldenId }
            }""";

    private final GraphqlFixture api = new GraphqlFixture();
    private final Map<String, String> rep = api.freshRep();
    private final Map<String, String> otherRep = api.freshRep();

    private JsonNode createWithPhone(String name) {
        return api.run(
                        rep,
                        CREATE,
                        Map.of("in", Map.of("name", name, "phone", TestCallers.uniqueMobile())))
                .at("/data/createCustomer");
    }

    @Test
    void customerByGoldenId_findsTheCustomer_afterItsPhoneChangedAndANationalIdWasAdded() {
        // GIVEN a customer created with a phone
        JsonNode created = createWithPhone("Li Lei");
        String id = created.at("/id").asText();
        String goldenId = created.at("/goldenId").asText();

        // WHEN its phone changes and its national id is added
        JsonNode phoneChanged =
                api.run(
                                rep,
                                UPDATE,
                                Map.of(
                                        "id",
                                        id,
                                        "v",
                                        1,
                                        "in",
                                        Map.of("phone", TestCallers.uniqueMobile())))
                        .at("/data/updateCustomer");
        JsonNode identified =
                api.run(
                                rep,
                                UPDATE,
                                Map.of(
                                        "id",
                                        id,
                                        "v",
                                        2,
                                        "in",
                                        Map.of("nationalId", "11010519491231002X")))
                        .at("/data/updateCustomer");
        JsonNode found =
                api.run(rep, BY_GOLDEN_ID, Map.of("goldenId", goldenId))
                        .at("/data/customerByGoldenId");

        // THEN the golden id is the one assigned at creation, and it finds the customer
        assertEquals(64, goldenId.length());
        assertEquals(3, identified.at("/version").asInt());
        assertEquals(goldenId, phoneChanged.at("/goldenId").asText());
        assertEquals(goldenId, identified.at("/goldenId").asText());
        assertEquals(id, found.at("/id").asText());
        assertEquals("Li Lei", found.at("/name").asText());
    }

    @Test
    void customerByGoldenId_isNotFound_forAnotherRepsCustomer() {
        // GIVEN a customer of one rep
        String goldenId = createWithPhone("Han Meimei").at("/goldenId").asText();

        // WHEN another rep looks it up by its golden id
        JsonNode result = api.run(otherRep, BY_GOLDEN_ID, Map.of("goldenId", goldenId));

        // THEN it is as absent as an unknown id
        assertEquals("NOT_FOUND", result.at("/errors/0/extensions/code").asText());
        assertTrue(result.at("/data/customerByGoldenId").isNull());
    }

    @Test
    void customerByGoldenId_refusesABlankId_withFieldAndRule() {
        JsonNode result = api.run(rep, BY_GOLDEN_ID, Map.of("goldenId", "  "));

        JsonNode error = result.at("/errors/0/extensions");
        assertEquals("BAD_USER_INPUT", error.at("/code").asText());
        assertEquals("goldenId", error.at("/field").asText());
        assertEquals("required", error.at("/rule").asText());
    }
}
