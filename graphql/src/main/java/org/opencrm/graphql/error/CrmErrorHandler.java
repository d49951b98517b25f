package org.opencrm.graphql.error;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.ResultPath;
import graphql.language.SourceLocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opencrm.core.access.Caller;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.ErrorCode;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/**
 * The one place domain failures become GraphQL errors with {@code extensions.code}. Validation
 * failures give one error per bad field; anything unexpected becomes {@code INTERNAL} with
 * the request id, logged here and never echoed to the client.
 */
public final class CrmErrorHandler implements DataFetcherExceptionHandler {

    private static final Logger LOG = Logger.getLogger(CrmErrorHandler.class.getName());

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
            DataFetcherExceptionHandlerParameters parameters) {
        Throwable failure = unwrap(parameters.getException());
        ResultPath path = parameters.getPath();
        SourceLocation location = parameters.getSourceLocation();
        Caller caller =
                parameters.getDataFetchingEnvironment().getGraphQlContext().get(Caller.class);
        String requestId = caller == null ? null : caller.requestId();
        List<GraphQLError> errors = toErrors(failure, path, location, requestId);
        return CompletableFuture.completedFuture(
                DataFetcherExceptionHandlerResult.newResult().errors(errors).build());
    }

    static List<GraphQLError> toErrors(
            Throwable failure, ResultPath path, SourceLocation location, String requestId) {
        if (failure instanceof ValidationException invalid) {
            return invalid.problems().stream()
                    .map(problem -> fieldError(problem, path, location))
                    .toList();
        }
        if (failure instanceof CrmException known) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("code", known.code().name());
            extensions.putAll(known.details());
            return List.of(error(known.getMessage(), extensions, path, location));
        }
        LOG.log(Level.SEVERE, "request " + requestId + " failed at " + path, failure);
        return List.of(
                error(
                        "Internal error; quote request id " + requestId + " when reporting it",
                        Map.of(
                                "code",
                                ErrorCode.INTERNAL.name(),
                                "requestId",
                                String.valueOf(requestId)),
                        path,
                        location));
    }

    private static GraphQLError fieldError(
            FieldProblem problem, ResultPath path, SourceLocation location) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", ErrorCode.BAD_USER_INPUT.name());
        extensions.putAll(problem.asDetails());
        return error(problem.describe(), extensions, path, location);
    }

    private static GraphQLError error(
            String message,
            Map<String, Object> extensions,
            ResultPath path,
            SourceLocation location) {
        GraphqlErrorBuilder<?> builder =
                GraphqlErrorBuilder.newError().message(message).extensions(extensions).path(path);
        if (location != null) {
            builder.location(location);
        }
        return builder.build();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
