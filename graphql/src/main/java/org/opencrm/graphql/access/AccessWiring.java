package org.opencrm.graphql.access;

import static org.opencrm.graphql.RequestContext.caller;

import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.opencrm.core.access.AccessPolicy;
import org.opencrm.core.access.Caller;
import org.opencrm.core.access.ForbiddenException;
import org.opencrm.core.error.ErrorCode;

/**
 * Applies the access policy to the built schema, so no data fetcher checks roles itself: every root
 * field answers only to the roles its {@code operations} entry lists (FORBIDDEN), and every field
 * of a matrix type the caller may not read resolves to null with one FORBIDDEN_FIELD error for its
 * path wherever the type appears: single reads, lists, mutation results, nested fields.
 *
 * <p>The build fails when the schema and the policy disagree (a root field or matrix-type field
 * without an entry, an entry without a field, a restricted field that is non-null), so a new field
 * cannot slip past the matrix.
 */
public final class AccessWiring {

    private static final List<String> ROOTS = List.of("Query", "Mutation");

    private AccessWiring() {}

    public static GraphQLSchema apply(GraphQLSchema schema, AccessPolicy policy) {
        List<String> mismatches = new ArrayList<>();
        GraphQLCodeRegistry.Builder registry =
                GraphQLCodeRegistry.newCodeRegistry(schema.getCodeRegistry());
        for (String root : ROOTS) {
            GraphQLObjectType type = schema.getObjectType(root);
            compare(root, names(type), policy.operations(root), mismatches);
            for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
                FieldCoordinates at = FieldCoordinates.coordinates(root, field.getName());
                DataFetcher<?> fetcher = schema.getCodeRegistry().getDataFetcher(at, field);
                registry.dataFetcher(at, operationGuard(policy, root, field.getName(), fetcher));
            }
        }
        for (String typeName : policy.matrixTypes()) {
            GraphQLObjectType type = schema.getObjectType(typeName);
            if (type == null) {
                mismatches.add(
                        "the field matrix lists type "
                                + typeName
                                + ", which the schema does not have");
                continue;
            }
            compare(typeName, names(type), policy.matrixFields(typeName), mismatches);
            for (GraphQLFieldDefinition field : type.getFieldDefinitions()) {
                guardField(schema, registry, policy, type, field, mismatches);
            }
        }
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException(
                    AccessPolicy.RESOURCE
                            + " and the schema disagree:\n  "
                            + String.join("\n  ", mismatches));
        }
        // only the code registry changes: transform() would rebuild and revalidate every type
        // again, a quarter of the schema's build time at a cold start
        return schema.transformWithoutTypes(builder -> builder.codeRegistry(registry.build()));
    }

    private static void guardField(
            GraphQLSchema schema,
            GraphQLCodeRegistry.Builder registry,
            AccessPolicy policy,
            GraphQLObjectType type,
            GraphQLFieldDefinition field,
            List<String> mismatches) {
        String typeName = type.getName();
        String fieldName = field.getName();
        if (!policy.matrixFields(typeName).contains(fieldName)
                || !policy.isReadRestricted(typeName, fieldName)) {
            return;
        }
        if (field.getType() instanceof GraphQLNonNull) {
            mismatches.add(
                    typeName
                            + "."
                            + fieldName
                            + " is read-restricted, so it must be nullable in the schema");
        }
        FieldCoordinates at = FieldCoordinates.coordinates(typeName, fieldName);
        DataFetcher<?> fetcher = schema.getCodeRegistry().getDataFetcher(at, field);
        registry.dataFetcher(at, fieldGuard(policy, typeName, fieldName, fetcher));
    }

    private static DataFetcher<?> operationGuard(
            AccessPolicy policy, String root, String field, DataFetcher<?> fetcher) {
        return env -> {
            Caller caller = caller(env);
            if (!policy.mayCall(root, field, caller.role())) {
                throw new ForbiddenException(field, caller.role() + " may not call " + field);
            }
            return fetcher.get(env);
        };
    }

    private static DataFetcher<?> fieldGuard(
            AccessPolicy policy, String type, String field, DataFetcher<?> fetcher) {
        return env -> {
            Caller caller = caller(env);
            if (policy.mayReadField(type, field, caller.role())) {
                return fetcher.get(env);
            }
            return DataFetcherResult.newResult()
                    .data(null)
                    .error(
                            GraphqlErrorBuilder.newError(env)
                                    .message(caller.role() + " may not read " + type + "." + field)
                                    .extensions(
                                            Map.of(
                                                    "code",
                                                    ErrorCode.FORBIDDEN_FIELD.name(),
                                                    "type",
                                                    type,
                                                    "field",
                                                    field))
                                    .build())
                    .build();
        };
    }

    private static Set<String> names(GraphQLObjectType type) {
        Set<String> names = new TreeSet<>();
        type.getFieldDefinitions().forEach(field -> names.add(field.getName()));
        return names;
    }

    private static void compare(
            String type, Set<String> inSchema, Set<String> inPolicy, List<String> mismatches) {
        inSchema.stream()
                .filter(name -> !inPolicy.contains(name))
                .sorted()
                .forEach(name -> mismatches.add(type + "." + name + " has no entry in the policy"));
        inPolicy.stream()
                .filter(name -> !inSchema.contains(name))
                .sorted()
                .forEach(
                        name ->
                                mismatches.add(
                                        "the policy lists "
                                                + type
                                                + "."
                                                + name
                                                + ", which the schema does not have"));
    }
}
