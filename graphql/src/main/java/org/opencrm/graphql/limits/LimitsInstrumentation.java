package org.opencrm.graphql.limits;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.DocumentAndVariables;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLSchema;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.opencrm.core.error.FieldProblem;

/**
 * Applies the document limits between parsing and validation, and turns the parser's refusals (too
 * many characters, tokens or nested rules) into errors that name the limit: graphql-java reports
 * those as plain syntax errors.
 */
public final class LimitsInstrumentation extends SimplePerformantInstrumentation {

    private final DocumentLimits limits;

    public LimitsInstrumentation(GraphQLSchema schema) {
        this.limits =
                new DocumentLimits(
                        schema.getDirectives().stream()
                                .filter(GraphQLDirective::isRepeatable)
                                .map(GraphQLDirective::getName)
                                .collect(Collectors.toSet()));
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(
            InstrumentationCreateStateParameters parameters) {
        return CompletableFuture.completedFuture(new ParseOutcome());
    }

    @Override
    public InstrumentationContext<Document> beginParse(
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        return SimpleInstrumentationContext.whenCompleted(
                (document, failure) -> ((ParseOutcome) state).failure = failure);
    }

    @Override
    public DocumentAndVariables instrumentDocumentAndVariables(
            DocumentAndVariables documentAndVariables,
            InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        Optional<FieldProblem> exceeded = limits.check(documentAndVariables.getDocument());
        if (exceeded.isPresent()) {
            throw LimitErrors.abort(exceeded.get());
        }
        return documentAndVariables;
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(
            ExecutionResult executionResult,
            InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        Optional<FieldProblem> parserLimit =
                parserLimit(((ParseOutcome) state).failure, parameters.getQuery());
        if (parserLimit.isEmpty()) {
            return CompletableFuture.completedFuture(executionResult);
        }
        return CompletableFuture.completedFuture(
                ExecutionResult.newExecutionResult()
                        .addError(LimitErrors.error(parserLimit.get()))
                        .build());
    }

    /** Which parser limit cancelled parsing, if one did. */
    static Optional<FieldProblem> parserLimit(Throwable failure, String query) {
        if (failure instanceof ParseCancelledTooManyCharsException) {
            return Optional.of(
                    new FieldProblem(
                            "query",
                            "maxCharacters",
                            "at most "
                                    + GraphqlLimits.MAX_DOCUMENT_CHARACTERS
                                    + " characters, got "
                                    + (query == null ? 0 : query.length()),
                            GraphqlLimits.MAX_DOCUMENT_CHARACTERS));
        }
        if (failure instanceof ParseCancelledTooDeepException) {
            return Optional.of(
                    new FieldProblem(
                            "query",
                            "maxRuleDepth",
                            "at most "
                                    + GraphqlLimits.MAX_RULE_DEPTH
                                    + " nested grammar rules (selection sets, list and object"
                                    + " values)",
                            GraphqlLimits.MAX_RULE_DEPTH));
        }
        if (!(failure instanceof ParseCancelledException cancelled)) {
            return Optional.empty();
        }
        if (ignored(cancelled)) {
            return Optional.of(
                    new FieldProblem(
                            "query",
                            "maxWhitespaceTokens",
                            "at most "
                                    + GraphqlLimits.MAX_WHITESPACE_TOKENS
                                    + " whitespace, comma and comment tokens",
                            GraphqlLimits.MAX_WHITESPACE_TOKENS));
        }
        return Optional.of(
                new FieldProblem(
                        "query",
                        "maxTokens",
                        "at most " + GraphqlLimits.MAX_TOKENS + " tokens",
                        GraphqlLimits.MAX_TOKENS));
    }

    /** The token that crossed the limit was an ignored one: whitespace, a comma or a comment. */
    private static boolean ignored(InvalidSyntaxException cancelled) {
        String token = cancelled.getOffendingToken();
        return token != null && (token.isBlank() || token.equals(",") || token.startsWith("#"));
    }

    private static final class ParseOutcome implements InstrumentationState {
        volatile Throwable failure;
    }
}
