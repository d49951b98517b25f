package org.opencrm.graphql.persisted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ParseAndValidate;
import graphql.analysis.QueryComplexityCalculator;
import graphql.execution.CoercedVariables;
import graphql.language.Document;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.OperationDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.paging.PageRequest;
import org.opencrm.graphql.CrmGraphql;
import org.opencrm.graphql.limits.DocumentLimits;
import org.opencrm.graphql.limits.GraphqlLimits;
import org.opencrm.graphql.limits.PageCost;

/**
 * The deployed allow-list (persisted/operations.json) against the schema files the jar serves: an
 * operation the schema no longer answers, or one a limit would refuse, fails the build rather than
 * a phone at stage prod.
 */
class RegisteredOperationsTest {

    private static final GraphQLSchema SCHEMA =
            UnExecutableSchemaGenerator.makeUnExecutableSchema(CrmGraphql.preloadSchema());
    private static final OperationManifest DEPLOYED = OperationManifest.deployed();

    /** What the clients' releases rely on: each screen's operations by name. */
    private static final Set<String> CLIENT_OPERATIONS =
            Set.of(
                    "Customers",
                    "Customer360",
                    "CreateCustomer",
                    "IntakeLead",
                    "MyLeads",
                    "LogActivity",
                    "DealsByStage",
                    "MoveDeal",
                    "Tickets",
                    "Search",
                    "Notifications",
                    "MarkNotificationsRead");

    @Test
    void everyRegisteredOperation_parsesWithTheApisLimits_validates_andStaysUnderEveryLimit() {
        assertTrue(DEPLOYED.size() >= CLIENT_OPERATIONS.size(), "size " + DEPLOYED.size());
        DEPLOYED.bodiesById()
                .forEach(
                        (id, body) -> {
                            // GIVEN the text as the endpoint parses it
                            Document document = GraphqlLimits.parse(body);

                            // THEN the schema answers it
                            List<ValidationError> errors =
                                    ParseAndValidate.validate(SCHEMA, document, Locale.ENGLISH);
                            assertEquals(List.of(), errors, body);
                            // AND no document limit refuses it
                            Optional<FieldProblem> exceeded =
                                    new DocumentLimits(Set.of()).check(document);
                            assertEquals(Optional.empty(), exceeded, body);
                            // AND with every page as large as a client may ask, its cost is in
                            int cost = worstCost(document);
                            assertTrue(
                                    cost <= GraphqlLimits.MAX_COMPLEXITY,
                                    "cost " + cost + " of " + body);
                        });
    }

    @Test
    void eachEntry_namesItsOperation_andItsType_asTheDocumentDoes() throws Exception {
        JsonNode manifest;
        try (InputStream in =
                getClass().getClassLoader().getResourceAsStream(OperationManifest.RESOURCE)) {
            manifest = new ObjectMapper().readTree(in);
        }
        Set<String> names = new java.util.HashSet<>();
        for (JsonNode entry : manifest.path("operations")) {
            OperationDefinition operation =
                    GraphqlLimits.parse(entry.path("body").asText())
                            .getDefinitionsOfType(OperationDefinition.class)
                            .get(0);
            assertEquals(entry.path("name").asText(), operation.getName(), entry.toString());
            assertEquals(
                    entry.path("type").asText(),
                    operation.getOperation().name().toLowerCase(Locale.ROOT),
                    entry.toString());
            assertTrue(names.add(operation.getName()), "registered twice: " + entry);
        }
        assertTrue(names.containsAll(CLIENT_OPERATIONS), "missing from " + names);
    }

    @Test
    void aPageTooLargeForTheLimit_isCaughtByTheCostCheck() {
        // GIVEN customers with each one's deals, 100 of each: the check above must be able to fail
        Document document =
                GraphqlLimits.parse(
                        "query Big($first: Int) { customers(first: $first) { edges { node {"
                                + " id deals(first: 100) { edges { node { id title } } } } } } }");

        assertTrue(worstCost(document) > GraphqlLimits.MAX_COMPLEXITY);
    }

    private static Object placeholder(Type<?> type) {
        if (type instanceof ListType) {
            return List.of();
        }
        String name = ((TypeName) type).getName();
        return SCHEMA.getType(name) instanceof GraphQLInputObjectType ? Map.of() : "required";
    }

    /**
     * The cost with every {@code $first} at the largest page (a literal first is as written) and
     * every other page at its default.
     */
    private static int worstCost(Document document) {
        Map<String, Object> variables = new HashMap<>();
        for (OperationDefinition operation :
                document.getDefinitionsOfType(OperationDefinition.class)) {
            for (VariableDefinition variable : operation.getVariableDefinitions()) {
                if (variable.getName().equals("first")) {
                    variables.put("first", PageRequest.MAX_SIZE);
                } else if (variable.getType() instanceof NonNullType required) {
                    // counted, not run: a required value only has to be there, of its shape
                    variables.put(variable.getName(), placeholder(required.getType()));
                }
            }
        }
        return QueryComplexityCalculator.newCalculator()
                .schema(SCHEMA)
                .document(document)
                .fieldComplexityCalculator(new PageCost())
                .variables(CoercedVariables.of(variables))
                .build()
                .calculate();
    }
}
