package org.opencrm.functions.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import graphql.language.Document;
import graphql.parser.Parser;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
    void nameOf_aQueryWhoseDocumentIsKnown_isNamedFromIt_withoutParsingTheText() {
        // GIVEN a query text the parser would refuse, and a known document for exactly that text
        String text = "{ a(";
        Document known = Parser.parse("query FromTheCache { environment }");
        String body = "{\"query\":\"" + text + "\"}";

        // THEN the name is the known document's: the text was not parsed again
        assertEquals(
                "FromTheCache",
                GraphqlOperation.nameOf(
                        body, query -> query.equals(text) ? Optional.of(known) : Optional.empty()));
        // and without it, the text is parsed and found unreadable
        assertEquals(GraphqlOperation.UNREADABLE, GraphqlOperation.nameOf(body));
    }

    @Test
    void nameOf_aPersistedQuerySentByItsHashAlone_goesByTheHashsStart() {
        String hash = "ecf4edb46db40b5132295c0291d62fb65d6759a9eedfa4d5d612dd5ec54a6b38";
        String body =
                "{\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\""
                        + hash
                        + "\"}}}";

        assertEquals("(persisted ecf4edb46db4)", GraphqlOperation.nameOf(body));
    }

    @Test
    void nameOf_aBodyThatIsNoGraphqlRequest_isUnreadable() {
        assertEquals(GraphqlOperation.UNREADABLE, GraphqlOperation.nameOf("{not json"));
        assertEquals(GraphqlOperation.UNREADABLE, GraphqlOperation.nameOf("{\"query\":\"{ a(\"}"));
        assertEquals(GraphqlOperation.UNREADABLE, GraphqlOperation.nameOf(null));
    }

    @Test
    void nameOf_aDocumentOverTheApisTokenLimit_isRefused_notParsedToTheEnd() {
        // GIVEN an anonymous query of 6,000 fields: within graphql-java's default 15,000 tokens,
        // over the API's 4,000, which the endpoint refuses before anything runs
        String fields =
                IntStream.range(0, 6_000).mapToObj(i -> "a" + i).collect(Collectors.joining(" "));
        String body = "{\"query\":\"{ " + fields + " }\"}";

        // THEN telemetry stops where the endpoint stops, and names no field of it
        assertEquals(GraphqlOperation.REFUSED, GraphqlOperation.nameOf(body));
    }

    @Test
    void nameOf_aHundredThousandTokens_orADeepNest_isRefused() {
        String tokens = "{\"query\":\"{ " + "a ".repeat(100_000) + "}\"}";
        String deep = "{\"query\":\"" + "{ a ".repeat(200) + "}".repeat(200) + "\"}";

        assertEquals(GraphqlOperation.REFUSED, GraphqlOperation.nameOf(tokens));
        assertEquals(GraphqlOperation.REFUSED, GraphqlOperation.nameOf(deep));
    }
}
