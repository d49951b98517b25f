package org.opencrm.graphql.input;

import graphql.Scalars;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.input.InputRules;

/**
 * The one place GraphQL input is checked before any data fetcher, and so before any store, sees it
 * (issue 18): every field of every type that takes arguments gets its fetcher wrapped, once, when
 * the schema is built. The wrapper walks the coerced arguments by their schema types and applies
 * {@link InputRules}: an {@code ID} is an id, a {@code String} a text with the limit its name has,
 * a list has a bounded length, a {@code JSON} value a bounded depth and clean strings, {@code
 * first} a page size. Every problem is reported (BAD_USER_INPUT with field, rule and limit), none
 * of them reaches the domain.
 *
 * <p>Fields are named as the domain names them: an argument by its name, an input object's field by
 * its path inside the argument ({@code region}, {@code contacts.0.phone}), a list's item by its
 * index ({@code ids.3}).
 */
public final class InputGuard {

    private static final String JSON_SCALAR = "JSON";

    /** The schema directive that lets an optional ID input field take "" to clear it. */
    private static final String CLEARABLE = "clearable";

    private InputGuard() {}

    /** The schema with every fetcher of a field that takes arguments behind the guard. */
    public static GraphQLSchema apply(GraphQLSchema schema) {
        GraphQLCodeRegistry.Builder registry =
                GraphQLCodeRegistry.newCodeRegistry(schema.getCodeRegistry());
        for (GraphQLNamedType type : schema.getAllTypesAsList()) {
            if (!(type instanceof GraphQLObjectType object) || type.getName().startsWith("__")) {
                continue;
            }
            for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                if (field.getArguments().isEmpty()) {
                    continue;
                }
                FieldCoordinates at = FieldCoordinates.coordinates(object, field);
                DataFetcher<?> fetcher = schema.getCodeRegistry().getDataFetcher(at, field);
                registry.dataFetcher(at, guarded(field, fetcher));
            }
        }
        // only the code registry changes: transform() would rebuild every type (cold start)
        return schema.transformWithoutTypes(builder -> builder.codeRegistry(registry.build()));
    }

    /** Every problem of the arguments a field was given, in argument order. */
    public static List<FieldProblem> problems(
            GraphQLFieldDefinition field, Map<String, Object> arguments) {
        List<FieldProblem> problems = new ArrayList<>();
        for (GraphQLArgument argument : field.getArguments()) {
            String name = argument.getName();
            check(name, name, argument.getType(), arguments.get(name), true, problems);
        }
        return problems;
    }

    private static DataFetcher<?> guarded(GraphQLFieldDefinition field, DataFetcher<?> fetcher) {
        return env -> {
            List<FieldProblem> problems = problems(field, env.getArguments());
            if (!problems.isEmpty()) {
                throw new ValidationException(problems);
            }
            return fetcher.get(env);
        };
    }

    /**
     * @param path the field as reported
     * @param name the argument's or input field's own name, which picks a text's limit
     * @param argument whether {@code value} is an argument's value itself: its input object's
     *     fields are then named without the argument's name in front, as the domain names them
     */
    private static void check(
            String path,
            String name,
            GraphQLType type,
            Object value,
            boolean argument,
            List<FieldProblem> problems) {
        if (value == null) {
            return;
        }
        GraphQLType bare = type instanceof GraphQLNonNull nonNull ? nonNull.getWrappedType() : type;
        if (bare instanceof GraphQLList list) {
            checkList(path, name, list, value, problems);
            return;
        }
        if (bare instanceof GraphQLInputObjectType object && value instanceof Map<?, ?> fields) {
            checkObject(argument ? "" : path + ".", object, fields, problems);
            return;
        }
        if (bare instanceof GraphQLScalarType scalar) {
            checkScalar(path, name, scalar, value, problems);
        }
    }

    private static void checkList(
            String path, String name, GraphQLList list, Object value, List<FieldProblem> problems) {
        if (!(value instanceof List<?> items)) {
            return;
        }
        InputRules.listSize(path, items.size(), InputRules.LIST_MAX).ifPresent(problems::add);
        if (items.size() > InputRules.LIST_MAX) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            check(path + "." + i, name, list.getWrappedType(), items.get(i), false, problems);
        }
    }

    private static void checkObject(
            String prefix,
            GraphQLInputObjectType object,
            Map<?, ?> fields,
            List<FieldProblem> problems) {
        for (GraphQLInputObjectField field : object.getFieldDefinitions()) {
            String name = field.getName();
            Object value = fields.get(name);
            if (clears(field, value)) {
                continue;
            }
            check(prefix + name, name, field.getType(), value, false, problems);
        }
    }

    /**
     * {@code ""} in a field the schema marks {@code @clearable} (e.g. a customer's service agent):
     * the domain clears the field and never looks the value up. The schema names each such field;
     * an empty id anywhere else would be a key and is refused.
     */
    private static boolean clears(GraphQLInputObjectField field, Object value) {
        return "".equals(value) && field.hasAppliedDirective(CLEARABLE);
    }

    private static void checkScalar(
            String path,
            String name,
            GraphQLScalarType scalar,
            Object value,
            List<FieldProblem> problems) {
        String scalarName = scalar.getName();
        if (Scalars.GraphQLID.getName().equals(scalarName)) {
            problems.addAll(InputRules.id(path, String.valueOf(value)));
        } else if (Scalars.GraphQLString.getName().equals(scalarName)) {
            problems.addAll(InputRules.text(path, name, String.valueOf(value)));
        } else if (Scalars.GraphQLInt.getName().equals(scalarName)
                && value instanceof Number number) {
            InputRules.number(path, name, number.longValue()).ifPresent(problems::add);
        } else if (JSON_SCALAR.equals(scalarName)) {
            InputRules.json(path, value).ifPresent(problems::add);
        }
    }
}
