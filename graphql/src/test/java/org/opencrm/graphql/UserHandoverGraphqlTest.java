package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestOrg;

/**
 * suspendUser and offboardUser say where the user's open leads went, through the real schema over
 * the embedded engine.
 */
class UserHandoverGraphqlTest {

    private final GraphqlFixture api = new GraphqlFixture();
    private final String region = "r-" + UUID.randomUUID().toString().substring(0, 8);
    private final Caller adminUser = TestOrg.member(api.services, Role.ADMIN, null, null);
    private final Map<String, String> admin = api.claims(adminUser.userId(), "ADMIN", region);

    @Test
    void suspendUser_answersWhereTheOpenLeadsWent_andOtherUserAnswersCarryNoHandover() {
        // GIVEN a rep holding one lead (the only rep of the region at the time)
        Map<String, String> rep = api.claims("rep-" + UUID.randomUUID(), "SALES_REP", region);
        Lead lead = assignedLead();
        assertEquals(rep.get("sub"), lead.ownerId());
        Map<String, String> other = api.claims("rep-" + UUID.randomUUID(), "SALES_REP", region);

        // WHEN an admin suspends the rep
        JsonNode answer =
                api.run(
                        admin,
                        "mutation($id: ID!) { suspendUser(id: $id, reason: \"leave\") { status"
                                + " leadHandover { toSuccessor reassigned pooled } } }",
                        Map.of("id", rep.get("sub")));

        // THEN the lead went to the other rep of the region, and the answer says so
        assertEquals("SUSPENDED", answer.at("/data/suspendUser/status").asText());
        assertEquals(1, answer.at("/data/suspendUser/leadHandover/reassigned").asInt());
        assertEquals(0, answer.at("/data/suspendUser/leadHandover/pooled").asInt());
        assertEquals(other.get("sub"), api.services.leads().get(lead.id(), adminUser).ownerId());
        // AND reading the user elsewhere shows no handover
        JsonNode read =
                api.run(
                        admin,
                        "query($id: ID!) { user(id: $id) { leadHandover { pooled } } }",
                        Map.of("id", rep.get("sub")));
        assertTrue(read.at("/data/user/leadHandover").isNull(), read.toString());
    }

    @Test
    void offboardUser_countsTheLeadsTheSuccessorTook() {
        // GIVEN a rep holding one lead and a successor of the region
        Map<String, String> rep = api.claims("rep-" + UUID.randomUUID(), "SALES_REP", region);
        Lead lead = assignedLead();
        Map<String, String> successor = api.claims("rep-" + UUID.randomUUID(), "SALES_REP", region);

        // WHEN an admin off-boards the rep to the successor
        JsonNode answer =
                api.run(
                        admin,
                        "mutation($id: ID!, $to: ID!) { offboardUser(id: $id, successorId: $to) {"
                                + " customersMoved leadsToSuccessor leadsReassigned leadsPooled } }",
                        Map.of("id", rep.get("sub"), "to", successor.get("sub")));

        // THEN the successor owns the lead, and the answer counts it
        JsonNode done = answer.at("/data/offboardUser");
        assertEquals(1, done.at("/leadsToSuccessor").asInt(), answer.toString());
        assertEquals(0, done.at("/leadsReassigned").asInt());
        assertEquals(0, done.at("/leadsPooled").asInt());
        assertEquals(
                successor.get("sub"), api.services.leads().get(lead.id(), adminUser).ownerId());
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
                                adminUser)
                        .get(0)
                        .leadId();
        return api.services.assignments().assignNew(leadId).orElseThrow();
    }
}
