package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.opencrm.graphql.http.HttpResponse;
import org.opencrm.graphql.limits.GraphqlLimits;

/**
 * Each limit of README "GraphQL limits and GraphQL over HTTP" through the real endpoint and schema:
 * a request just under it runs, one just over it is refused with BAD_USER_INPUT naming the rule and
 * the limit, before anything executes.
 */
class GraphqlLimitsTest {

    private static final GraphqlFixture API = new GraphqlFixture();
    private final Map<String, String> rep = API.freshRep();

    private JsonNode query(String query) throws Exception {
        return body(Map.of("query", query));
    }

    private JsonNode body(Map<String, Object> body) throws Exception {
        HttpResponse response =
                API.post(GraphqlFixture.JSON.writeValueAsString(body), rep, Map.of());
        assertEquals(200, response.status(), response.body());
        return GraphqlFixture.JSON.readTree(response.body());
    }

    private static void assertRuns(JsonNode response) {
        assertTrue(response.has("data"), response.toString());
        assertFalse(response.has("errors"), response.toString());
    }

    private static void assertRefused(JsonNode response, String rule, int limit) {
        JsonNode error = response.at("/errors/0");
        assertEquals("BAD_USER_INPUT", error.at("/extensions/code").asText(), response.toString());
        assertEquals("query", error.at("/extensions/field").asText(), response.toString());
        assertEquals(rule, error.at("/extensions/rule").asText(), response.toString());
        assertEquals(limit, error.at("/extensions/limit").asInt(), response.toString());
        assertEquals(1, response.at("/errors").size(), response.toString());
        assertFalse(response.has("data"), "nothing executed: " + response);
    }

    private static String repeat(int times, java.util.function.IntFunction<String> part) {
        return IntStream.rangeClosed(1, times).mapToObj(part).collect(Collectors.joining(" "));
    }

    @Test
    void aliases_upToTheLimitRun_oneMoreIsRefused() throws Exception {
        // GIVEN 30 and 31 aliased fields (graphql-cop probes with 101)
        String thirty = "{ " + repeat(30, i -> "a" + i + ": __typename") + " }";
        String thirtyOne = "{ " + repeat(31, i -> "a" + i + ": __typename") + " }";

        // THEN
        assertRuns(query(thirty));
        assertRefused(query(thirtyOne), "maxAliases", GraphqlLimits.MAX_ALIASES);
    }

    @Test
    void fieldsAsWritten_upToTheLimitRun_oneMoreIsRefused() throws Exception {
        // GIVEN one field written 300 and 301 times (graphql-cop's duplication probe writes 500)
        assertRuns(query("{ " + repeat(300, i -> "__typename") + " }"));
        assertRefused(
                query("{ " + repeat(301, i -> "__typename") + " }"),
                "maxFields",
                GraphqlLimits.MAX_FIELDS);
    }

    @Test
    void directives_upToTheLimitRun_oneMoreIsRefused() throws Exception {
        assertRuns(query("{ " + repeat(50, i -> "__typename @include(if: true)") + " }"));
        assertRefused(
                query("{ " + repeat(51, i -> "__typename @include(if: true)") + " }"),
                "maxDirectives",
                GraphqlLimits.MAX_DIRECTIVES);
    }

    @Test
    void aDirectiveRepeatedInOnePlace_isRefusedOnce_knownOrNot() throws Exception {
        // GIVEN @include twice on one field, and graphql-cop's ten unknown @aa on one field
        assertRuns(query("{ __typename @include(if: true) a: __typename @include(if: true) }"));
        assertRefused(
                query("{ __typename @include(if: true) @include(if: true) }"),
                "uniqueDirective",
                1);
        // THEN one error, not one per directive (graphql-cop counts ten as overloading)
        assertRefused(
                query("query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }"),
                "uniqueDirective",
                1);
    }

    @Test
    void depth_upToTheLimitRuns_oneLevelMoreIsRefused() throws Exception {
        // GIVEN __type, then ofType levels, then name: 15 and 16 levels of fields
        String fifteen =
                "{ __type(name: \"Query\") { "
                        + "ofType { ".repeat(13)
                        + "name"
                        + " }".repeat(14)
                        + " }";
        String sixteen =
                "{ __type(name: \"Query\") { "
                        + "ofType { ".repeat(14)
                        + "name"
                        + " }".repeat(15)
                        + " }";

        assertRuns(query(fifteen));
        assertRefused(query(sixteen), "maxDepth", GraphqlLimits.MAX_DEPTH);
    }

    @Test
    void depth_countsFragmentsWhereTheyAreSpread() throws Exception {
        // GIVEN 8 levels in a fragment, spread 8 levels down: 16
        String fragment =
                "fragment Deep on __Type { "
                        + "ofType { ".repeat(7)
                        + "name"
                        + " }".repeat(7)
                        + " }";
        String query =
                "{ __type(name: \"Query\") { "
                        + "ofType { ".repeat(7)
                        + "...Deep"
                        + " }".repeat(8)
                        + " } "
                        + fragment;

        assertRefused(query(query), "maxDepth", GraphqlLimits.MAX_DEPTH);
    }

    @Test
    void complexity_countsAFragmentEachTimeItIsSpread() throws Exception {
        // GIVEN a fragment of ten fields' worth spread 200 and 201 times: 2,000 and 2,010 fields
        String ten = "fragment Ten on Query { " + repeat(10, i -> "...One") + " } ";
        String one = "fragment One on Query { __typename }";
        String atLimit = "{ " + repeat(200, i -> "...Ten") + " } " + ten + one;
        String over = "{ " + repeat(201, i -> "...Ten") + " } " + ten + one;

        assertRuns(query(atLimit));
        assertRefused(query(over), "maxComplexity", GraphqlLimits.MAX_COMPLEXITY);
    }

    @Test
    void complexity_countsPageSizes_asTheVariablesGiveThem() throws Exception {
        // GIVEN customers with their deals, the page sizes in variables: six fields as written
        String query =
                "query($outer: Int, $inner: Int) { customers(first: $outer) { edges { node { id"
                        + " deals(first: $inner) { edges { node { id stage } } } } } } }";

        // WHEN pages of one and of one hundred are asked for
        JsonNode small = body(Map.of("query", query, "variables", Map.of("outer", 1, "inner", 1)));
        JsonNode large =
                body(Map.of("query", query, "variables", Map.of("outer", 100, "inner", 100)));

        // THEN one page of one runs; 100 customers × 100 deals costs about 30,000 and is refused
        assertRuns(small);
        assertRefused(large, "maxComplexity", GraphqlLimits.MAX_COMPLEXITY);
        assertTrue(
                large.at("/errors/0/message").asText().contains("got 30"),
                "the cost is named: " + large);
    }

    @Test
    void characters_upToTheLimitRun_oneMoreIsRefused() throws Exception {
        // GIVEN a query padded with a comment to exactly the limit, and one character more
        String head = "{ __typename } #";
        String atLimit = head + "x".repeat(GraphqlLimits.MAX_DOCUMENT_CHARACTERS - head.length());

        assertRuns(query(atLimit));
        assertRefused(query(atLimit + "x"), "maxCharacters", GraphqlLimits.MAX_DOCUMENT_CHARACTERS);
    }

    @Test
    void tokens_upToTheLimitRun_oneMoreIsRefused() throws Exception {
        // GIVEN fragment spreads (two tokens each, no fields written): 4,000 tokens and more
        String one = " fragment One on Query { __typename }";
        String atLimit = "{ " + repeat(1_995, i -> "...One") + " }" + one;
        String over = "{ " + repeat(1_996, i -> "...One") + " }" + one;

        assertRuns(query(atLimit));
        assertRefused(query(over), "maxTokens", GraphqlLimits.MAX_TOKENS);
    }

    @Test
    void whitespaceTokens_upToTheLimitRun_oneMoreIsRefused() throws Exception {
        // GIVEN commas, which GraphQL ignores, one token each
        String atLimit = "{" + ",".repeat(GraphqlLimits.MAX_WHITESPACE_TOKENS) + "__typename}";
        String over = "{" + ",".repeat(GraphqlLimits.MAX_WHITESPACE_TOKENS + 1) + "__typename}";

        assertRuns(query(atLimit));
        assertRefused(query(over), "maxWhitespaceTokens", GraphqlLimits.MAX_WHITESPACE_TOKENS);
    }

    @Test
    void ruleDepth_upToTheLimitRuns_deeperIsRefused() throws Exception {
        // GIVEN inline fragments nested inside each other: deep grammar, one field; each level is
        // three grammar rules, the document around them nine: 30 levels are 99, 31 are 102
        assertRuns(query(nestedInlineFragments(30)));
        assertRefused(
                query(nestedInlineFragments(31)), "maxRuleDepth", GraphqlLimits.MAX_RULE_DEPTH);
    }

    private static String nestedInlineFragments(int levels) {
        return "{ " + "... on Query { ".repeat(levels) + "__typename" + " }".repeat(levels) + " }";
    }

    @Test
    void body_upToTheLimitRuns_oneByteMoreIs413() throws Exception {
        // GIVEN a body padded (in a variable the operation does not use) to exactly 2 MiB
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", "{ __typename }");
        body.put("variables", Map.of("pad", ""));
        int overhead = GraphqlFixture.JSON.writeValueAsString(body).length();
        body.put("variables", Map.of("pad", "x".repeat(GraphqlLimits.MAX_BODY_BYTES - overhead)));
        String atLimit = GraphqlFixture.JSON.writeValueAsString(body);
        assertEquals(GraphqlLimits.MAX_BODY_BYTES, atLimit.length());

        // WHEN
        HttpResponse under = API.post(atLimit, rep, Map.of());
        HttpResponse over = API.post(atLimit.replace("\"pad\":\"", "\"pad\":\"x"), rep, Map.of());

        // THEN
        assertEquals(200, under.status(), under.body());
        assertRuns(GraphqlFixture.JSON.readTree(under.body()));
        JsonNode refused = GraphqlFixture.JSON.readTree(over.body());
        assertEquals(413, over.status());
        assertEquals("BAD_USER_INPUT", refused.at("/errors/0/extensions/code").asText());
        assertEquals("body", refused.at("/errors/0/extensions/field").asText());
        assertEquals("maxBytes", refused.at("/errors/0/extensions/rule").asText());
        assertEquals(
                GraphqlLimits.MAX_BODY_BYTES, refused.at("/errors/0/extensions/limit").asInt());
    }

    @Test
    void body_countsUtf8Bytes_notCharacters() throws Exception {
        // GIVEN 700,000 Chinese characters: 2.1 MB in UTF-8, fewer than 2 Mi characters
        String body =
                GraphqlFixture.JSON.writeValueAsString(
                        Map.of(
                                "query",
                                "{ __typename }",
                                "variables",
                                Map.of("pad", "客".repeat(700_000))));

        assertEquals(413, API.post(body, rep, Map.of()).status());
    }

    @Test
    void graphiqlsIntrospectionQuery_staysWithinEveryLimit() throws Exception {
        // GIVEN the full introspection query tools send (descriptions, deprecations, repeatable)
        String introspection =
                graphql.introspection.IntrospectionQueryBuilder.build(
                        graphql.introspection.IntrospectionQueryBuilder.Options.defaultOptions()
                                .inputValueDeprecation(true)
                                .isOneOf(true));

        JsonNode response = query(introspection);

        assertRuns(response);
        assertTrue(response.at("/data/__schema/types").size() > 50, "the whole schema");
    }
}
