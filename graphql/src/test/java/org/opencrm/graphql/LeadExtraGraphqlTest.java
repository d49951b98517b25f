package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.lead.Lead;
import org.opencrm.core.testing.TestCallers;

/**
 * a lead's raw leftovers ({@code extra}) and its national id answer to the field matrix
 * through the real schema, and an unmapped id-card column is filed as the national id.
 */
class LeadExtraGraphqlTest {

    private static final String NATIONAL_ID = "11010519491231002X";
    private static final String LEAD = "query($id: ID!) { lead(id: $id) { id nationalId extra } }";

    private final GraphqlFixture fixture = new GraphqlFixture();
    private final String region = "r-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void extraAndNationalId_areNullWithForbiddenField_forTheOwningRep_andReadableForAnAdmin() {
        // GIVEN a lead delivered with an id-card column and an unknown one, owned by a rep
        Map<String, String> rep = fixture.claims("rep-" + UUID.randomUUID(), "SALES_REP", region);
        // (finance may read both fields but reads no leads at all: row scope NONE)
        Map<String, String> admin = fixture.claims("adm-" + UUID.randomUUID(), "ADMIN", region);
        String leadId = ingestedAndGivenTo(rep.get("sub"));

        // WHEN the rep and an admin read it
        JsonNode asRep = fixture.run(rep, LEAD, Map.of("id", leadId));
        JsonNode asAdmin = fixture.run(admin, LEAD, Map.of("id", leadId));

        // THEN the rep sees the lead but neither field, each refused by path
        assertEquals(leadId, asRep.at("/data/lead/id").asText(), asRep.toString());
        assertTrue(asRep.at("/data/lead/extra").isNull(), asRep.toString());
        assertTrue(asRep.at("/data/lead/nationalId").isNull(), asRep.toString());
        List<String> refused = new ArrayList<>();
        asRep.get("errors")
                .forEach(
                        error -> {
                            assertEquals(
                                    "FORBIDDEN_FIELD",
                                    error.at("/extensions/code").asText(),
                                    error.toString());
                            refused.add(error.at("/extensions/field").asText());
                        });
        assertEquals(List.of("extra", "nationalId"), refused.stream().sorted().toList());
        // AND the admin reads both: the id-card column became the national id, not an extra
        assertEquals(NATIONAL_ID, asAdmin.at("/data/lead/nationalId").asText(), asAdmin.toString());
        assertEquals(
                Map.of("utm_source", "baidu"),
                GraphqlFixture.JSON.convertValue(asAdmin.at("/data/lead/extra"), Map.class));
    }

    private String ingestedAndGivenTo(String repId) {
        Caller admin = TestCallers.of(Role.ADMIN, null, null);
        Map<String, Object> raw =
                Map.of(
                        "tel",
                        TestCallers.uniqueMobile(),
                        "身份证",
                        NATIONAL_ID,
                        "utm_source",
                        "baidu",
                        "city",
                        region);
        String leadId =
                fixture.services
                        .intake()
                        .ingest("website", List.of(GraphqlFixture.JSON.valueToTree(raw)), admin)
                        .get(0)
                        .leadId();
        Lead lead = fixture.services.leads().get(leadId, admin);
        fixture.services.assignments().assignByHand(leadId, repId, lead.version(), admin);
        return leadId;
    }
}
