package org.opencrm.graphql.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import graphql.analysis.QueryComplexityCalculator;
import graphql.execution.CoercedVariables;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cost rule alone, on a small schema shaped like ours: no services, no execution. */
class PageCostTest {

    private static final GraphQLSchema SCHEMA =
            UnExecutableSchemaGenerator.makeUnExecutableSchema(
                    new SchemaParser()
                            .parse(
                                    """
                                    type Query {
                                      customers(first: Int, after: String): CustomerConnection!
                                      tags(first: Int): [String!]!
                                      regions: [String!]!
                                    }
                                    type CustomerConnection {
                                      edges: [CustomerEdge!]!
                                      pageInfo: PageInfo!
                                    }
                                    type CustomerEdge { cursor: String! node: Customer! }
                                    type Customer {
                                      id: ID!
                                      name: String!
                                      phones: [String!]!
                                      deals(first: Int, after: String): DealConnection!
                                    }
                                    type DealConnection { edges: [DealEdge!]! }
                                    type DealEdge { node: Deal! }
                                    type Deal { id: ID! stage: String! customer: Customer! }
                                    type PageInfo { hasNextPage: Boolean! endCursor: String }
                                    """));

    private static int cost(String query, Map<String, Object> variables) {
        return QueryComplexityCalculator.newCalculator()
                .schema(SCHEMA)
                .document(Parser.parse(query))
                .fieldComplexityCalculator(new PageCost())
                .variables(CoercedVariables.of(variables))
                .build()
                .calculate();
    }

    private static int cost(String query) {
        return cost(query, Map.of());
    }

    @Test
    void aPagesItems_countOncePerItem_itsPageInfoOnce() {
        // GIVEN customers(first: 100): edges 1 + 100 × (node 1 + id 1 + name 1), pageInfo 1 + 1
        int cost =
                cost(
                        "{ customers(first: 100) { edges { node { id name } } pageInfo { hasNextPage } } }");

        // THEN 1 (customers) + 301 (edges) + 2 (pageInfo)
        assertEquals(304, cost);
    }

    @Test
    void nestedPages_multiply() {
        String query =
                "{ customers(first: %d) { edges { node { deals(first: %d) { edges { node { id } } } } } } }";

        // THEN deals: 1 + (1 + 100 × 2) = 202; node 203; edges 1 + 100 × 203; customers one more
        assertEquals(20_302, cost(query.formatted(100, 100)));
        // AND one item a page costs as little as the fields written
        assertEquals(7, cost(query.formatted(1, 1)));
    }

    @Test
    void anAbsentFirst_costsTheDefaultPage_aVariableItsValue() {
        String query = "query($n: Int) { customers(first: $n) { edges { cursor } } }";

        // THEN 1 + (1 + 20 × 1) without first, 1 + (1 + 7 × 1) with first: 7
        assertEquals(22, cost("{ customers { edges { cursor } } }"));
        assertEquals(22, cost(query));
        assertEquals(9, cost(query, Map.of("n", 7)));
    }

    @Test
    void aFirstOutsideThePageRange_costsTheLargestOrSmallestPage_theRangeRuleRefusesIt() {
        String query = "query($n: Int) { customers(first: $n) { edges { cursor } } }";

        assertEquals(102, cost(query, Map.of("n", 5_000)));
        assertEquals(3, cost(query, Map.of("n", -5)));
    }

    @Test
    void aListThatTakesFirst_countsItsPage_otherListsOnce() {
        // GIVEN scalar lists have no children: each costs one, whatever the page
        assertEquals(1, cost("{ tags(first: 50) }"));
        assertEquals(1, cost("{ regions }"));
        // AND a list inside a page's item is not a page of its own: phones count once per customer
        assertEquals(
                1 + 1 + 10 * (1 + 1),
                cost("{ customers(first: 10) { edges { node { phones } } } }"));
    }

    @Test
    void aFieldsCost_isCapped_soFivePagesOfOneHundredNestedDoNotOverflow() {
        // GIVEN customers, their deals, each deal's customer's deals ...: five pages of 100 deep,
        // 10^10 items, which an int cannot hold
        String level = "deals(first: 100) { edges { node { customer { %s } } } }";
        String inner = "id";
        for (int i = 0; i < 4; i++) {
            inner = level.formatted(inner);
        }
        String query = "{ customers(first: 100) { edges { node { " + inner + " } } } }";

        // THEN the cost is the cap, far past any limit, and never wraps around below it
        assertEquals(PageCost.CAP, cost(query));
    }
}
