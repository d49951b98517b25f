package org.opencrm.functions.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GraphqlOperationTest {

    @Test
    void nameOf_prefersTheBodysOperationName_overTheDocuments() {
        String body =
                "{\"query\":\"query A { environment } query B { environment }\","
                        + "\"operationName\":\"B\"}";

        assertEquals("B", GraphqlOperation.nameOf(body));
    }

    @Test
    void nameOf_anAnonymousOperation_isItsTopLevelFields() {
        String body = "{\"query\":\"{ environment customer(id: \\\"c-1\\\") { id } }\"}";

        assertEquals("environment,customer", GraphqlOperation.nameOf(body));
    }

    @Test
    void nameOf_aBodyThatIsNoGraphqlRequest_isUnreadable() {
        assertEquals(GraphqlOperation.UNREADABLE, GraphqlOperation.nameOf("{not json"));
        assertEquals(GraphqlOperation.UNREADABLE, GraphqlOperation.nameOf("{\"query\":\"{ a(\"}"));
        assertEquals(GraphqlOperation.UNREADABLE, GraphqlOperation.nameOf(null));
    }
}
