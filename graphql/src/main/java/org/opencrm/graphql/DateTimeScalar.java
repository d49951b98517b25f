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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** DateTime as an ISO-8601 UTC instant; the domain's time type is {@link Instant}. */
final class DateTimeScalar {

    static final GraphQLScalarType INSTANCE =
            GraphQLScalarType.newScalar()
                    .name("DateTime")
                    .description("An ISO-8601 instant in UTC")
                    .coercing(new InstantCoercing())
                    .build();

    private DateTimeScalar() {}

    private static final class InstantCoercing implements Coercing<Instant, String> {
        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            if (value instanceof Instant instant) {
                return instant.toString();
            }
            throw new CoercingSerializeException(
                    "DateTime: expected an Instant, got " + value.getClass().getSimpleName());
        }

        @Override
        public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
            try {
                return Instant.parse(String.valueOf(input));
            } catch (DateTimeParseException bad) {
                throw new CoercingParseValueException(
                        "DateTime: must be an ISO-8601 instant like 2026-11-23T08:00:00Z, got "
                                + input);
            }
        }

        @Override
        public Instant parseLiteral(
                Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            if (!(input instanceof StringValue text)) {
                throw new CoercingParseLiteralException("DateTime: must be a string");
            }
            try {
                return Instant.parse(text.getValue());
            } catch (DateTimeParseException bad) {
                throw new CoercingParseLiteralException(
                        "DateTime: must be an ISO-8601 instant like 2026-11-23T08:00:00Z");
            }
        }
    }
}
