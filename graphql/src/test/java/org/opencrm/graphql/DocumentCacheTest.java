package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.language.OperationDefinition;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.Role;
import org.opencrm.core.testing.TestOrg;

/**
 * The parsed documents a container keeps, as what reads a request beside the execution sees them.
 */
class DocumentCacheTest {

    private static final GraphqlFixture API = new GraphqlFixture();

    private final CrmGraphql graphql = CrmGraphql.build(API.services, "dev");
    private final Caller admin = TestOrg.member(API.services, Role.ADMIN, "east", "team-x");

    @Test
    void aQueryRunOnce_isKnownByItsText_andAnInvalidOneIsNot() {
        String valid = "query Known { environment }";
        String invalid = "query Invalid { noSuchField }";
        assertTrue(graphql.knownDocument(valid).isEmpty(), "nothing is known before it runs");

        graphql.execute(new GraphqlRequest(valid, null, Map.of()), admin);
        graphql.execute(new GraphqlRequest(invalid, null, Map.of()), admin);

        OperationDefinition known =
                graphql.knownDocument(valid)
                        .orElseThrow()
                        .getDefinitionsOfType(OperationDefinition.class)
                        .get(0);
        assertEquals("Known", known.getName());
        assertTrue(graphql.knownDocument(invalid).isEmpty(), "an invalid document is not kept");
    }
}
