package org.opencrm.graphql.limits;

import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.FieldComplexityEnvironment;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLTypeUtil;
import org.opencrm.core.paging.PageRequest;

/**
 * What a field costs with its page sizes (graphql-java's complexity, variables resolved): one for
 * the field, plus its children's cost; the children of a page's list ({@code edges}, or a field
 * taking {@code first} that is a list itself) count once per item the page may hold. So {@code
 * customers(first: 100) { edges { node { deals(first: 100) { edges { node { id } } } } } }} costs
 * about 100 × 100, where counting fields alone saw six.
 */
public final class PageCost implements FieldComplexityCalculator {

    /** The argument that sizes a page. */
    static final String FIRST = "first";

    /**
     * One field's cost is capped here: past the limit is enough to know, and up to 2,000 fields
     * executed (the document check) of this cost still add up within an int.
     */
    static final int CAP = 1_000_000;

    @Override
    public int calculate(FieldComplexityEnvironment environment, int childComplexity) {
        long cost = 1 + itemsPerPage(environment) * (long) childComplexity;
        return (int) Math.min(cost, CAP);
    }

    /** How many times the field's children run: the page size for a page's list, else once. */
    static long itemsPerPage(FieldComplexityEnvironment environment) {
        if (!isList(environment.getFieldDefinition())) {
            return 1;
        }
        if (takesFirst(environment.getFieldDefinition())) {
            return pageSize(environment.getArguments().get(FIRST));
        }
        FieldComplexityEnvironment parent = environment.getParentEnvironment();
        if (parent != null && takesFirst(parent.getFieldDefinition())) {
            return pageSize(parent.getArguments().get(FIRST));
        }
        return 1;
    }

    /**
     * The page a {@code first} asks for, as the page rule reads it: absent is the default; beyond
     * the range is refused by that rule before anything is read, so it costs the largest page.
     */
    static long pageSize(Object first) {
        if (!(first instanceof Number size)) {
            return PageRequest.DEFAULT_SIZE;
        }
        return Math.max(1, Math.min(size.longValue(), PageRequest.MAX_SIZE));
    }

    private static boolean takesFirst(GraphQLFieldDefinition field) {
        return field != null && field.getArgument(FIRST) != null;
    }

    private static boolean isList(GraphQLFieldDefinition field) {
        return field != null
                && GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(field.getType()));
    }
}
