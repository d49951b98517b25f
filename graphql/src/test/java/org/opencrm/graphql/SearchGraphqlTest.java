package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestCallers;

/** Search through the real schema, policy and error handler, with real query strings. */
class SearchGraphqlTest {

    private static final String SEARCH =
            """
            query Search($text: String!, $types: [SearchType!], $first: Int, $after: String) {
              search(text: $text, types: $types, first: $first, after: $after) {
                edges { cursor node { type id title subtitle matchedBy match } }
                pageInfo { hasNextPage endCursor }
              }
            }""";

    private final GraphqlFixture api = new GraphqlFixture();
    private final Map<String, String> owner = api.freshRep();

    private String newCustomer(String name, String phone) {
        String id =
                api.run(
                                owner,
                                "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                                Map.of("in", Map.of("name", name, "phone", phone)))
                        .at("/data/createCustomer/id")
                        .asText();
        // the customers stream as SearchIndexFunction gets it
        new StreamReader(api.dynamo.streams())
                .recordsFor(api.dynamo.tables().customers(), id)
                .forEach(api.services.searchIndexer()::onRecord);
        return id;
    }

    private JsonNode search(Map<String, String> caller, String text, Integer first) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("text", text);
        variables.put("types", List.of("CUSTOMER"));
        variables.put("first", first);
        return api.run(caller, SEARCH, variables);
    }

    private static List<String> ids(JsonNode result) {
        List<String> ids = new ArrayList<>();
        result.at("/data/search/edges").forEach(edge -> ids.add(edge.at("/node/id").asText()));
        return ids;
    }

    @Test
    void owner_findsZhangSanByInitials_asAPinyinHitTitledByName() {
        // GIVEN the owner's customer 张三
        String phone = TestCallers.uniqueMobile();
        String id = newCustomer("张三", phone);

        // WHEN the owner searches zs
        JsonNode result = search(owner, "zs", 50);

        // THEN the hit is the customer, matched by pinyin initials
        assertTrue(ids(result).contains(id), result.toString());
        JsonNode hit = null;
        for (JsonNode edge : result.at("/data/search/edges")) {
            if (edge.at("/node/id").asText().equals(id)) {
                hit = edge.at("/node");
            }
        }
        assertEquals("CUSTOMER", hit.at("/type").asText());
        assertEquals("张三", hit.at("/title").asText());
        assertEquals("PINYIN_INITIALS", hit.at("/matchedBy").asText());
        assertEquals("PINYIN", hit.at("/match").asText());
        // AND the last four digits of the phone find it as well
        assertTrue(ids(search(owner, phone.substring(7), 50)).contains(id));
    }

    @Test
    void aRepOfAnotherTeam_getsNoHit_forTheSameText() {
        // GIVEN the owner's customer with a name nobody else has
        String name = "张" + UUID.randomUUID().toString().substring(0, 6);
        String id = newCustomer(name, TestCallers.uniqueMobile());
        Map<String, String> stranger = api.claims("rep-" + UUID.randomUUID(), "SALES_REP", "west");

        // WHEN a rep of another team and region searches its exact name
        JsonNode result = search(stranger, name, 50);

        // THEN the answer is an empty list, no error, no trace of the record
        assertEquals(List.of(), ids(result), result.toString());
        assertTrue(result.at("/errors").isMissingNode(), result.toString());
        assertTrue(ids(search(owner, name, 50)).contains(id));
    }

    @Test
    void blankText_isBadUserInput_namingTheFieldAndRule() {
        JsonNode result = search(owner, "   ", null);

        JsonNode error = result.at("/errors/0");
        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText(), result.toString());
        assertEquals("text", error.at("/extensions/field").asText());
        assertEquals("required", error.at("/extensions/rule").asText());
    }

    @Test
    void overlongText_isBadUserInput_withItsLimit() {
        JsonNode result = search(owner, "z".repeat(65), null);

        JsonNode error = result.at("/errors/0");
        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText(), result.toString());
        assertEquals("text", error.at("/extensions/field").asText());
        assertEquals("maxLength", error.at("/extensions/rule").asText());
        assertEquals(64, error.at("/extensions/limit").asInt());
    }
}
