package org.opencrm.graphql.limits;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencrm.core.error.ErrorCode;
import org.opencrm.core.error.FieldProblem;

/** A limit's refusal as a GraphQL error: {@code BAD_USER_INPUT} with field, rule and limit. */
public final class LimitErrors {

    private LimitErrors() {}

    public static GraphQLError error(FieldProblem problem) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", ErrorCode.BAD_USER_INPUT.name());
        extensions.putAll(problem.asDetails());
        return GraphqlErrorBuilder.newError()
                .message(problem.describe())
                .extensions(extensions)
                .build();
    }

    /** Stops the request before execution; graphql-java answers the error without data. */
    static AbortExecutionException abort(FieldProblem problem) {
        return new AbortExecutionException(List.of(error(problem)));
    }
}
