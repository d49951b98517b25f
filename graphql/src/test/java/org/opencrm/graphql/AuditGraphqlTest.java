package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.audit.AuditService;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestCallers;

class AuditGraphqlTest {

    private final GraphqlFixture api = new GraphqlFixture();
    private final Map<String, String> rep = api.freshRep();

    @Test
    void auditTrail_listsChangesNewestFirst_withActorAddressAndFieldDiffs() {
        String id =
                api.run(
                                rep,
                                "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                                Map.of(
                                        "in",
                                        Map.of(
                                                "name",
                                                "Li Lei",
                                                "phone",
                                                TestCallers.uniqueMobile())))
                        .at("/data/createCustomer/id")
                        .asText();
        api.run(
                rep,
                "mutation($id: ID!) { updateCustomer(id: $id, expectedVersion: 1, input: {remark: \"demo booked\"}) { id } }",
                Map.of("id", id));
        AuditService audit = api.services.audit();
        new StreamReader(api.dynamo.streams())
                .recordsFor(api.dynamo.tables().customers(), id)
                .forEach(audit::record);

        JsonNode trail =
                api.run(
                        rep,
                        "query($id: ID!) { auditTrail(entityId: $id) { edges { node { operation actorId sourceIp "
                                + "requestId at version raw rawJson changes { field before after } } } "
                                + "pageInfo { hasNextPage } } }",
                        Map.of("id", id));

        JsonNode newest = trail.at("/data/auditTrail/edges/0/node");
        assertEquals("UPDATE", newest.at("/operation").asText());
        assertEquals(2, newest.at("/version").asInt());
        assertEquals(false, newest.at("/raw").asBoolean(true));
        assertEquals(true, newest.at("/rawJson").isNull());
        assertEquals(rep.get("sub"), newest.at("/actorId").asText());
        assertEquals("203.0.113.9", newest.at("/sourceIp").asText());
        assertEquals("remark", newest.at("/changes/0/field").asText());
        assertTrue(newest.at("/changes/0/before").isNull());
        assertEquals("demo booked", newest.at("/changes/0/after").asText());
        assertEquals("CREATE", trail.at("/data/auditTrail/edges/1/node/operation").asText());
        assertEquals(1, trail.at("/data/auditTrail/edges/1/node/version").asInt());
        assertEquals(2, trail.at("/data/auditTrail/edges").size());
    }
}
