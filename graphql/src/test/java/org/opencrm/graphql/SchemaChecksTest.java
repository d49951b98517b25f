package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.SchemaPrinter;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.validation.InvalidSchemaException;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.testing.LocalDynamo;

/**
 * Containers build the schema without graphql-java's validation of the built schema ({@link
 * CrmGraphql#executableSchema}); that validation runs here, over the same files and wiring.
 */
class SchemaChecksTest {

    private static final SchemaPrinter PRINTER =
            new SchemaPrinter(
                    SchemaPrinter.Options.defaultOptions()
                            .includeDirectives(true)
                            .includeSchemaDefinition(true));

    private final TypeDefinitionRegistry files = CrmGraphql.preloadSchema();
    private final graphql.schema.idl.RuntimeWiring wiring =
            CrmGraphql.wiring(LocalDynamo.shared().services(Clock.systemUTC()), "dev");

    @Test
    void theCheckingGenerator_acceptsTheSchemaFilesAndWiring_andBuildsWhatContainersBuild() {
        // WHEN graphql-java's checking generator builds the schema (it throws on a broken rule)
        GraphQLSchema checked = new SchemaGenerator().makeExecutableSchema(files, wiring);

        // AND containers build it their way
        GraphQLSchema unchecked = CrmGraphql.executableSchema(files, wiring);

        // THEN both are the same schema, down to the data fetcher of every operation
        assertEquals(PRINTER.print(checked), PRINTER.print(unchecked));
        for (GraphQLObjectType root : List.of(checked.getQueryType(), checked.getMutationType())) {
            for (GraphQLFieldDefinition field : root.getFieldDefinitions()) {
                FieldCoordinates coordinates =
                        FieldCoordinates.coordinates(root.getName(), field.getName());
                assertSame(
                        checked.getCodeRegistry().getDataFetcher(coordinates, field),
                        unchecked.getCodeRegistry().getDataFetcher(coordinates, field),
                        coordinates.toString());
            }
        }
    }

    @Test
    void
            aBrokenRuleOnlyTheBuiltSchemasValidationFinds_isRefusedHere_thoughContainersWouldBuildIt() {
        // GIVEN the schema files plus an input type that can never be written (a non-null cycle),
        // which the type-registry checks pass and only the built schema's validation refuses
        TypeDefinitionRegistry broken = new TypeDefinitionRegistry().merge(files);
        broken.merge(
                new SchemaParser()
                        .parse(
                                "input Loop { next: Loop! }\n"
                                        + "extend type Query { loop(start: Loop): String }"));

        // THEN containers would build it: the validation they skip is what this test runs
        assertNotNull(CrmGraphql.executableSchema(broken, wiring));
        // AND the checking generator refuses it
        assertThrows(
                InvalidSchemaException.class,
                () -> new SchemaGenerator().makeExecutableSchema(broken, wiring));
    }
}
