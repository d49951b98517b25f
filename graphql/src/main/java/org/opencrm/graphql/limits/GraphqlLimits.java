package org.opencrm.graphql.limits;

import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;

/**
 * The bounds every GraphQL request is held to, in the order they are checked (README "GraphQL
 * limits and GraphQL over HTTP"). Each is refused with {@code BAD_USER_INPUT} naming its {@code
 * rule} and {@code limit}; none reaches a data fetcher.
 */
public final class GraphqlLimits {

    /**
     * The HTTP body, checked before any parsing: an inline lead import carries up to 1 MiB of CSV
     * (LeadImportService.MAX_INLINE_BYTES) plus its JSON escaping, so the body may be twice that.
     */
    public static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    /**
     * The query text: large values belong in variables (which only the body limit bounds), so the
     * document itself stays small.
     */
    public static final int MAX_DOCUMENT_CHARACTERS = 64 * 1024;

    /** Grammar tokens the parser reads (names, punctuation, values). */
    public static final int MAX_TOKENS = 4_000;

    /** Whitespace, comma and comment tokens the parser reads. */
    public static final int MAX_WHITESPACE_TOKENS = 20_000;

    /**
     * Nested grammar rules (selection sets, list and object values): bounds the parser's recursion
     * and every later walk of the syntax tree. A query 15 fields deep needs 50.
     */
    public static final int MAX_RULE_DEPTH = 100;

    /** Aliased fields in the document as written: 101 aliases is graphql-cop's overload probe. */
    public static final int MAX_ALIASES = 30;

    /**
     * Fields in the document as written (fragments counted once): 500 copies of one field is
     * graphql-cop's duplication probe. The complexity limit bounds them with fragments expanded.
     */
    public static final int MAX_FIELDS = 300;

    /** Directives in the document; a directive not declared repeatable appears once per place. */
    public static final int MAX_DIRECTIVES = 50;

    /**
     * Levels of fields, fragments expanded where spread: deep enough for GraphiQL's introspection
     * query.
     */
    public static final int MAX_DEPTH = 15;

    /**
     * Fields executed. Checked twice against this one limit: before validation, fields alone,
     * fragments expanded where spread, over every operation in the document (a fragment spread many
     * times counts many times); after validation, with variables resolved, on the operation that
     * runs, the fields below a page's list counted once per item the page may hold ({@code first},
     * else the default page size; {@link PageCost}). The cost is never below the field count, so
     * the first check is a cheap lower bound of the second.
     */
    public static final int MAX_COMPLEXITY = 2_000;

    static final ParserOptions PARSER_OPTIONS =
            ParserOptions.getDefaultOperationParserOptions()
                    .transform(
                            options ->
                                    options.maxCharacters(MAX_DOCUMENT_CHARACTERS)
                                            .maxTokens(MAX_TOKENS)
                                            .maxWhitespaceTokens(MAX_WHITESPACE_TOKENS)
                                            .maxRuleDepth(MAX_RULE_DEPTH));

    private GraphqlLimits() {}

    /** The parser options of every operation: put under {@code ParserOptions.class} per request. */
    public static ParserOptions parserOptions() {
        return PARSER_OPTIONS;
    }

    /**
     * Parses query text a client sent, outside execution (telemetry, the idempotency guard), with
     * the same limits execution parses it with: graphql-java's {@code Parser.parse} would use its
     * laxer defaults (15,000 tokens, 1 MB).
     *
     * @throws InvalidSyntaxException when the text does not parse, or (its subclasses {@code
     *     ParseCancelled…Exception}) when a limit stopped the parser
     */
    public static Document parse(String query) {
        return new Parser()
                .parseDocument(
                        ParserEnvironment.newParserEnvironment()
                                .document(query)
                                .parserOptions(PARSER_OPTIONS)
                                .build());
    }
}
