package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.auth.DemoOrg.DemoUser;

/**
 * Issue 15's search done-when case in the local cloud, over real HTTP: the customer 张三, indexed by
 * the real SearchIndexFunction from the customers stream, is found by zs, zhangsan, 张 and the last
 * four digits of its phone by its owner, and by none of them by a rep of another team.
 */
class SearchEndToEndTest extends LocalCloudEndToEnd {

    private static final String SEARCH =
            "query($text: String!) { search(text: $text, types: [CUSTOMER], first: 100) {"
                    + " edges { node { type id title matchedBy match } } } }";

    private static DemoUser rep(String region, String team) {
        String id = ApiClient.unique("search-rep");
        new ApiClient(cloud).createUser(id, "SALES_REP", region, team, null);
        return new DemoUser(
                id,
                "User " + id,
                "SALES_REP",
                Optional.of(region),
                Optional.of(team),
                Optional.empty());
    }

    private static List<String> idsFound(String token, String text) {
        JsonNode edges = api.data(token, SEARCH, Map.of("text", text)).at("/search/edges");
        List<String> ids = new ArrayList<>();
        edges.forEach(edge -> ids.add(edge.at("/node/id").asText()));
        return ids;
    }

    @Test
    void zhangSan_isFoundByZsZhangsanZhangAndLastFourDigits_byTheOwner_andNotByAnotherTeamsRep() {
        // GIVEN a rep's customer 张三 with a phone, and a rep of another team of the same region
        String region = ApiClient.unique("search-region");
        DemoUser owner = rep(region, ApiClient.unique("search-team"));
        DemoUser stranger = rep(region, ApiClient.unique("search-team"));
        String ownerToken = api.tokenOf(owner);
        String strangerToken = api.tokenOf(stranger);
        String phone = ApiClient.uniqueMobile();
        String customerId =
                api.data(
                                ownerToken,
                                "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                                Map.of(
                                        "in",
                                        Map.of("name", "张三", "phone", phone, "region", region)))
                        .at("/createCustomer/id")
                        .asText();

        // WHEN the stream reactor has indexed it
        TestSupport.await(
                "the search index to hold the customer",
                () -> idsFound(ownerToken, "zs").contains(customerId));

        // THEN the owner finds it every way Chinese teams type it
        String lastFour = phone.substring(phone.length() - 4);
        for (String text : List.of("zs", "zhangsan", "张", lastFour)) {
            assertTrue(idsFound(ownerToken, text).contains(customerId), text);
        }
        // AND the rep of another team finds it by none of them
        for (String text : List.of("zs", "zhangsan", "张", lastFour)) {
            assertFalse(idsFound(strangerToken, text).contains(customerId), "stranger: " + text);
        }
    }
}
