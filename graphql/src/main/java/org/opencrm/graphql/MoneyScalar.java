package org.opencrm.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.error.ErrorCode;
import org.opencrm.core.money.Fen;

/**
 * Money on the API: a decimal string with two places ({@code "12345.60"}), never a JSON number (a
 * double cannot hold most cent values). The domain's value is whole fen ({@link Fen}); input is
 * parsed strictly and only from strings, anything else is BAD_USER_INPUT with field, rule and
 * limit.
 */
public final class MoneyScalar {

    public static final String NAME = "Money";

    static final GraphQLScalarType INSTANCE =
            GraphQLScalarType.newScalar()
                    .name(NAME)
                    .description(
                            "An amount of yuan as a decimal string with two places, e.g."
                                    + " \"12345.60\"; held as whole fen")
                    .coercing(new FenCoercing())
                    .build();

    private MoneyScalar() {}

    private static final class FenCoercing implements Coercing<Long, String> {

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            if (value instanceof Long fen) {
                return Fen.format(fen);
            }
            throw new CoercingSerializeException(
                    "Money: expected whole fen (Long), got " + value.getClass().getSimpleName());
        }

        @Override
        public Long parseValue(Object input, GraphQLContext context, Locale locale) {
            Optional<Long> fen =
                    input instanceof String text ? Fen.tryParse(text) : Optional.empty();
            return fen.orElseThrow(
                    () ->
                            CoercingParseValueException.newCoercingParseValueException()
                                    .message(refusal(input))
                                    .extensions(extensions(input))
                                    .build());
        }

        @Override
        public Long parseLiteral(
                Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            Optional<Long> fen =
                    input instanceof StringValue text
                            ? Fen.tryParse(text.getValue())
                            : Optional.empty();
            return fen.orElseThrow(
                    () ->
                            CoercingParseLiteralException.newCoercingParseLiteralException()
                                    .message(refusal(input))
                                    .extensions(extensions(null))
                                    .build());
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return StringValue.of(serialize(input, context, locale));
        }

        private static String refusal(Object input) {
            String shown =
                    input instanceof StringValue text
                            ? "\"" + text.getValue() + "\""
                            : String.valueOf(input);
            return "Money: must be a string with at most two decimal places and at most "
                    + Fen.MAX_TEXT
                    + ", like \"12345.60\", got "
                    + (shown.length() > 60 ? shown.substring(0, 60) + "..." : shown);
        }

        /**
         * BAD_USER_INPUT with rule and limit; graphql-java does not tell a scalar its field, so a
         * variable's refused value goes along for ErrorCodes to find the field by.
         */
        private static Map<String, Object> extensions(Object refusedVariableValue) {
            Map<String, Object> extensions = new LinkedHashMap<>();
            extensions.put("code", ErrorCode.BAD_USER_INPUT.name());
            extensions.put("rule", Fen.RULE);
            extensions.put("limit", Fen.MAX_TEXT);
            extensions.put("refused", String.valueOf(refusedVariableValue));
            return extensions;
        }
    }
}
