package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestOrg;

/** disqualifyLead and User.openLeadCount through the real schema, over the embedded engine. */
class LeadLifecycleGraphqlTest {

    private static final String DISQUALIFY =
            "mutation($id: ID!, $v: Int!, $reason: String!, $note: String) {"
                    + " disqualifyLead(id: $id, expectedVersion: $v, reasonId: $reason, note: $note)"
                    + " { id status version disqualifyReason disqualifyNote } }";

    private final GraphqlFixture api = new GraphqlFixture();
    private final String region = "r-" + UUID.randomUUID().toString().substring(0, 8);
    private final Caller admin = TestOrg.member(api.services, Role.ADMIN, null, null);
    private final Map<String, String> rep =
            api.claims("rep-" + UUID.randomUUID(), "SALES_REP", region);

    @Test
    void disqualifyLead_withAReason_closesTheLead_andReleasesTheOwnersOpenLeadCount() {
        // GIVEN the rep owns one assigned lead
        Lead lead = assignedLead();
        assertEquals(1, openLeadCountOfMe());

        // WHEN the rep disqualifies it as unreachable
        JsonNode result =
                api.run(rep, DISQUALIFY, variables(lead, "UNREACHABLE", "three calls, no answer"));

        // THEN it is closed and the rep's open-lead count is 0
        assertEquals("DISQUALIFIED", result.at("/data/disqualifyLead/status").asText());
        assertEquals("UNREACHABLE", result.at("/data/disqualifyLead/disqualifyReason").asText());
        assertEquals(
                "three calls, no answer",
                result.at("/data/disqualifyLead/disqualifyNote").asText());
        assertEquals(0, openLeadCountOfMe());
    }

    @Test
    void disqualifyLead_refusesABlankOrUnknownReason_onReasonId_listingTheChoices() {
        Lead lead = assignedLead();

        for (String reason : List.of("  ", "BORED")) {
            JsonNode error =
                    api.run(rep, DISQUALIFY, variables(lead, reason, null)).at("/errors/0");

            assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText(), reason);
            assertEquals("reasonId", error.at("/extensions/field").asText());
            assertEquals("NO_BUDGET", error.at("/extensions/limit/0").asText());
            assertEquals(5, error.at("/extensions/limit").size());
        }
        assertEquals(1, openLeadCountOfMe());
    }

    @Test
    void disqualifyLead_withoutAReason_isBadUserInput_namingReasonId() {
        Lead lead = assignedLead();

        JsonNode error = api.run(rep, DISQUALIFY, variables(lead, null, null)).at("/errors/0");

        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText());
        assertTrue(error.at("/message").asText().contains("reason"), error.toString());
    }

    @Test
    void disqualifyLead_ofAConvertedLead_saysWhichStatusesAllowIt() {
        Lead lead = assignedLead();
        Lead converted = api.services.leads().convert(lead.id(), lead.version(), admin);

        JsonNode error =
                api.run(rep, DISQUALIFY, variables(converted, "NO_NEED", null)).at("/errors/0");

        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText());
        assertEquals("leadStatus", error.at("/extensions/rule").asText());
        assertTrue(error.at("/message").asText().contains("the lead is CONVERTED"));
    }

    @Test
    void openLeadCount_isReadForEveryListedUser_inOneQuery() {
        // GIVEN the rep with one lead, and a second rep of the region without leads
        assignedLead();
        Map<String, String> other = api.claims("rep-" + UUID.randomUUID(), "SALES_REP", region);

        // WHEN an admin lists the region's reps with their counts
        JsonNode users =
                api.run(
                        api.claims(admin.userId(), "ADMIN", region),
                        "query($region: String!) { users(filter: {region: $region, role: SALES_REP})"
                                + " { edges { node { id openLeadCount } } } }",
                        Map.of("region", region));

        // THEN each shows their own count
        Map<String, Integer> counts = new HashMap<>();
        users.at("/data/users/edges")
                .forEach(
                        edge ->
                                counts.put(
                                        edge.at("/node/id").asText(),
                                        edge.at("/node/openLeadCount").asInt()));
        assertEquals(Map.of(rep.get("sub"), 1, other.get("sub"), 0), counts);
    }

    private Lead assignedLead() {
        String leadId =
                api.services
                        .intake()
                        .ingest(
                                "website",
                                List.of(
                                        GraphqlFixture.JSON.valueToTree(
                                                Map.of(
                                                        "tel",
                                                        TestCallers.uniqueMobile(),
                                                        "name",
                                                        "Prospect",
                                                        "city",
                                                        region))),
                                admin)
                        .get(0)
                        .leadId();
        Lead lead = api.services.assignments().assignNew(leadId).orElseThrow();
        assertEquals(rep.get("sub"), lead.ownerId());
        return lead;
    }

    private int openLeadCountOfMe() {
        JsonNode me = api.run(rep, "{ me { openLeadCount } }", Map.of());
        return me.at("/data/me/openLeadCount").asInt(-1);
    }

    private static Map<String, Object> variables(Lead lead, String reason, String note) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("id", lead.id());
        variables.put("v", lead.version());
        variables.put("reason", reason);
        variables.put("note", note);
        return variables;
    }
}
