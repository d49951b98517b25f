package org.opencrm.graphql.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import graphql.language.Document;
import graphql.parser.Parser;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.FieldProblem;

/** The document checks alone, on parsed documents: no schema, no execution. */
class DocumentLimitsTest {

    private static final DocumentLimits LIMITS = new DocumentLimits(Set.of("tag"));

    private static Optional<String> rule(String query) {
        Document document = Parser.parse(query);
        return LIMITS.check(document).map(FieldProblem::rule);
    }

    @Test
    void fragmentsSpreadInsideEachOther_areMeasuredOnce_soAnExponentialDocumentIsRefusedAtOnce() {
        // GIVEN 40 fragments, each spreading the one before twice: 2^40 fields expanded
        StringBuilder query = new StringBuilder("{ ...F40 } fragment F0 on Query { __typename }");
        for (int i = 1; i <= 40; i++) {
            query.append(" fragment F").append(i).append(" on Query { ...F").append(i - 1);
            query.append(" ...F").append(i - 1).append(" }");
        }

        assertEquals(Optional.of("maxComplexity"), rule(query.toString()));
    }

    @Test
    void aFragmentCycle_orAnUnknownFragment_countsNothing_andIsLeftToValidation() {
        assertEquals(
                Optional.empty(),
                rule("{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }"));
        assertEquals(Optional.empty(), rule("{ ...Missing }"));
    }

    @Test
    void aRepeatableDirective_mayRepeat_othersMayNot() {
        assertEquals(Optional.empty(), rule("{ __typename @tag @tag }"));
        assertEquals(
                Optional.of("uniqueDirective"),
                rule("{ __typename @skip(if: false) @skip(if: false) }"));
        assertEquals(Optional.of("uniqueDirective"), rule("query Q @a @a { __typename }"));
    }

    @Test
    void depth_countsFieldLevels_notFragmentsAroundThem() {
        // twenty fragments: counted as levels they would pass the depth limit of 15
        String twentyInlineFragments =
                "{ " + "... on Query { ".repeat(20) + "__typename" + " }".repeat(20) + " }";

        assertEquals(Optional.empty(), rule(twentyInlineFragments));
    }

    @Test
    void complexity_addsUpEveryOperationOfTheDocument() {
        // GIVEN two operations of 1,000 fields each (via fragments), and a third of one field
        String thousand =
                " fragment Ten on Query { "
                        + "...One ".repeat(10)
                        + "} fragment One on Query { __typename }"
                        + " fragment Hundred on Query { "
                        + "...Ten ".repeat(10)
                        + "}";
        String two =
                "query A { "
                        + "...Hundred ".repeat(10)
                        + "} query B { "
                        + "...Hundred ".repeat(10)
                        + "}";

        assertEquals(Optional.empty(), rule(two + thousand));
        assertEquals(
                Optional.of("maxComplexity"), rule(two + " query C { __typename }" + thousand));
    }
}
