package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.customer.Customer;
import org.opencrm.core.testing.CustomerPatch;
import org.opencrm.core.testing.TestCallers;

/** Service tickets through the real schema, policy and error handler, with real query strings. */
class TicketGraphqlTest {

    private static final String TICKET_FIELDS =
            "id version status category priority channel customerWords assigneeId"
                    + " firstResponseDueAt resolutionDueAt breached escalatedAt resolution effective"
                    + " customer { id }";
    private static final String OPEN =
            "mutation Open($input: TicketInput!) { openTicket(input: $input) { "
                    + TICKET_FIELDS
                    + " } }";
    private static final String ASSIGN =
            "mutation Assign($id: ID!, $v: Int!, $to: ID!) {"
                    + " assignTicket(id: $id, expectedVersion: $v, assigneeId: $to) { id version status assigneeId } }";
    private static final String RESOLVE =
            "mutation Resolve($id: ID!, $v: Int!, $r: String!, $e: Boolean) {"
                    + " resolveTicket(id: $id, expectedVersion: $v, resolution: $r, effective: $e) { "
                    + TICKET_FIELDS
                    + " } }";
    private static final String TICKETS =
            "query Tickets($filter: TicketFilter, $first: Int, $after: String) {"
                    + " tickets(filter: $filter, first: $first, after: $after) {"
                    + " edges { cursor node { id status } } pageInfo { hasNextPage endCursor } } }";
    private static final String SUGGESTIONS =
            "query S($id: ID!) { ticketSuggestions(ticketId: $id) {"
                    + " ticketId category standardAnswer resolved { ticketId resolution effective resolvedAt } } }";

    private final GraphqlFixture api = new GraphqlFixture();
    private final String region = "r" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> agent =
            api.claims("cs-" + UUID.randomUUID(), "CUSTOMER_SERVICE", region);
    private final Map<String, String> supervisor =
            api.claims("sup-" + UUID.randomUUID(), "SERVICE_SUPERVISOR", region);
    private final Customer customer = servedCustomer();

    private Customer servedCustomer() {
        Caller rep = TestCallers.freshRep("east");
        Customer created =
                api.services.customers().create(CustomerPatch.newCustomer("Li Na").build(), rep);
        return api.services
                .customers()
                .update(
                        created.id(),
                        created.version(),
                        CustomerPatch.patch().serviceAgentId(agent.get("sub")).build(),
                        TestCallers.of(Role.TEAM_LEAD, "east", "team-x"));
    }

    private JsonNode open(List<String> category) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("customerId", customer.goldenId());
        input.put("channel", "MINI_PROGRAM");
        input.put("category", category);
        input.put("priority", "P2");
        input.put("customerWords", "支付页面一直转圈");
        return api.run(agent, OPEN, Map.of("input", input));
    }

    private JsonNode openedTicket() {
        JsonNode result = open(List.of("技术故障", "H5支付", "微信浏览器兼容"));
        assertFalse(result.has("errors"), result.toString());
        return result.at("/data/openTicket");
    }

    @Test
    void openAssignResolve_throughTheApi_withVersionsAndBusinessHourDeadlines() {
        JsonNode opened = openedTicket();
        assertEquals("NEW", opened.at("/status").asText());
        assertEquals(1, opened.at("/version").asInt());
        assertEquals("微信浏览器兼容", opened.at("/category/2").asText());
        assertEquals(customer.id(), opened.at("/customer/id").asText());
        assertFalse(opened.at("/firstResponseDueAt").isNull());
        assertFalse(opened.at("/breached").asBoolean());
        String id = opened.at("/id").asText();

        JsonNode assigned =
                api.run(agent, ASSIGN, Map.of("id", id, "v", 1, "to", agent.get("sub")))
                        .at("/data/assignTicket");
        assertEquals("ASSIGNED", assigned.at("/status").asText());
        assertEquals(2, assigned.at("/version").asInt());

        JsonNode resolved =
                api.run(agent, RESOLVE, Map.of("id", id, "v", 2, "r", "清除缓存后支付成功", "e", true))
                        .at("/data/resolveTicket");
        assertEquals("RESOLVED", resolved.at("/status").asText());
        assertEquals("清除缓存后支付成功", resolved.at("/resolution").asText());
        assertTrue(resolved.at("/effective").asBoolean());
        assertTrue(resolved.at("/resolutionDueAt").isNull());
    }

    @Test
    void aBadTransition_andAStaleVersion_andAnUnknownCategory_answerClearErrors() {
        String id = openedTicket().at("/id").asText();

        JsonNode early = api.run(agent, RESOLVE, Map.of("id", id, "v", 1, "r", "x", "e", true));
        assertEquals(
                "BAD_USER_INPUT", early.at("/errors/0/extensions/code").asText(), early.toString());
        assertEquals("status", early.at("/errors/0/extensions/field").asText(), early.toString());
        assertEquals("transition", early.at("/errors/0/extensions/rule").asText());

        JsonNode stale = api.run(agent, ASSIGN, Map.of("id", id, "v", 7, "to", agent.get("sub")));
        assertEquals(
                "VERSION_CONFLICT",
                stale.at("/errors/0/extensions/code").asText(),
                stale.toString());

        JsonNode unknown = open(List.of("技术故障", "H5支付", "不存在"));
        assertEquals("BAD_USER_INPUT", unknown.at("/errors/0/extensions/code").asText());
        assertEquals("taxonomy", unknown.at("/errors/0/extensions/rule").asText());
    }

    @Test
    void theSupervisor_listsTheTeamsNewTickets_andARep_mayNotCallTickets() {
        String id = openedTicket().at("/id").asText();

        Map<String, Object> filter = Map.of("status", "NEW");
        JsonNode queue = api.run(supervisor, TICKETS, Map.of("filter", filter, "first", 10));
        assertEquals(id, queue.at("/data/tickets/edges/0/node/id").asText(), queue.toString());

        JsonNode rep = api.run(api.freshRep(), TICKETS, Map.of("first", 10));
        assertEquals("FORBIDDEN", rep.at("/errors/0/extensions/code").asText(), rep.toString());
    }

    @Test
    void ticketSuggestions_giveTheStandardAnswer_andWhatFixedTheLatestResolvedTickets() {
        String resolvedId = openedTicket().at("/id").asText();
        api.run(agent, ASSIGN, Map.of("id", resolvedId, "v", 1, "to", agent.get("sub")));
        api.run(agent, RESOLVE, Map.of("id", resolvedId, "v", 2, "r", "换用系统浏览器", "e", true));
        String openId = openedTicket().at("/id").asText();

        JsonNode result = api.run(agent, SUGGESTIONS, Map.of("id", openId));

        JsonNode suggestions = result.at("/data/ticketSuggestions");
        assertTrue(suggestions.at("/standardAnswer").asText().contains("微信"), result.toString());
        assertEquals(resolvedId, suggestions.at("/resolved/0/ticketId").asText());
        assertEquals("换用系统浏览器", suggestions.at("/resolved/0/resolution").asText());
    }
}
