package org.opencrm.graphql.limits;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.execution.AbortExecutionException;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.paging.PageRequest;

/**
 * The complexity limit with page sizes counted ({@link PageCost}), after validation and with the
 * variables coerced, on the operation that runs: refused as {@code maxComplexity} like the document
 * check before validation, which counts fields alone (a lower bound of this cost) against the same
 * limit.
 */
public final class PageCostInstrumentation extends MaxQueryComplexityInstrumentation {

    public PageCostInstrumentation() {
        super(GraphqlLimits.MAX_COMPLEXITY, new PageCost());
    }

    @Override
    protected AbortExecutionException mkAbortException(int totalComplexity, int maxComplexity) {
        return LimitErrors.abort(problem(totalComplexity));
    }

    static FieldProblem problem(int cost) {
        return new FieldProblem(
                "query",
                "maxComplexity",
                "at most "
                        + GraphqlLimits.MAX_COMPLEXITY
                        + " fields executed, those below a page's list once per item it may hold"
                        + " (first, default "
                        + PageRequest.DEFAULT_SIZE
                        + "), got "
                        + cost,
                GraphqlLimits.MAX_COMPLEXITY);
    }
}
