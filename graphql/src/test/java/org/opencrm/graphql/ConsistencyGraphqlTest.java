package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opencrm.core.consistency.ConsistencyDiff;
import org.opencrm.core.consistency.ConsistencyStore;
import org.opencrm.core.consistency.PlantedExport;
import org.opencrm.core.customer.CustomerBulkLoader;
import org.opencrm.core.customer.CustomerStore;
import org.opencrm.core.store.WriteStamp;
import org.opencrm.core.testing.TestExports;

/**
 * Consistency reports through the real schema, policy and error handler, with real query strings: a
 * planted SERVICE_DESK export diffed on the shared engine, read and applied over the API.
 */
class ConsistencyGraphqlTest {

    private static final String REPORT =
            """
            query Report($id: ID!) {
              consistencyReport(id: $id) {
                id system status processed total
                matched missingHere missingThere mismatched duplicates
                rows(first: 2) {
                  edges { cursor node { number kind line externalId customerId matchedBy
                    differences { field here there hereSystem changedLast } } }
                  pageInfo { hasNextPage endCursor }
                }
              }
            }""";

    private static final String APPLY =
            """
            mutation Apply($id: ID!, $fields: [String!]) {
              applyConsistencyReport(id: $id, rule: LATEST_WINS, fields: $fields) {
                report { id appliedAt applyStatus total missingThere
                  lastApply { status rule fields requestedBy processed rows fieldsChanged } }
                applyStatus applyProcessed applyRows
                customersChanged fieldsChanged fieldsAlreadyEqual fieldsChangedSince failures
              }
            }""";

    private final GraphqlFixture api = new GraphqlFixture();
    private final TestExports exports = new TestExports();
    private final String adminId = "admin-" + UUID.randomUUID();
    private final Map<String, String> admin = api.claims(adminId, "ADMIN", "east");

    /** A diffed report of 30 planted customers, the system's only ones in this engine. */
    private PlantedExport plantedReport(String id) {
        Instant seededAt = Instant.now().minus(Duration.ofDays(30));
        PlantedExport planted = PlantedExport.of(30, "SERVICE_DESK", adminId, "east-a", seededAt);
        new CustomerBulkLoader(api.dynamo.client(), api.dynamo.tables())
                .load(planted.customers(), new WriteStamp(adminId, "seed", null, seededAt));
        new ConsistencyDiff(
                        new ConsistencyStore(api.dynamo.client(), api.dynamo.tables()),
                        new CustomerStore(api.dynamo.enhanced(), api.dynamo.tables()),
                        exports,
                        (reportId, csv) -> {},
                        Clock.systemUTC())
                .run(
                        new ConsistencyDiff.Export(
                                id,
                                "SERVICE_DESK",
                                adminId,
                                "text/csv",
                                exports.add(planted.csv())));
        return planted;
    }

    @Test
    void consistencyReport_showsThePlantedCounts_andPagesItsRowsInFileOrder() {
        String id = UUID.randomUUID().toString();
        PlantedExport planted = plantedReport(id);

        JsonNode report = api.run(admin, REPORT, Map.of("id", id)).at("/data/consistencyReport");

        assertEquals("DONE", report.at("/status").asText(), report.toString());
        assertEquals(planted.rows(), report.at("/total").asInt());
        assertEquals(planted.rows(), report.at("/processed").asInt());
        assertEquals(planted.expected().matched(), report.at("/matched").asLong());
        assertEquals(planted.expected().mismatched(), report.at("/mismatched").asLong());
        assertEquals(planted.expected().missingHere(), report.at("/missingHere").asLong());
        assertEquals(planted.expected().missingThere(), report.at("/missingThere").asLong());
        assertEquals(planted.expected().duplicates(), report.at("/duplicates").asLong());
        // customer 1 of the planted export: its name is newer in the other system
        JsonNode second = report.at("/rows/edges/1/node");
        assertEquals("MISMATCH", second.at("/kind").asText(), report.toString());
        assertEquals("EXTERNAL_ID", second.at("/matchedBy").asText());
        assertEquals("name", second.at("/differences/0/field").asText());
        assertEquals("THERE", second.at("/differences/0/changedLast").asText());
        assertEquals(true, report.at("/rows/pageInfo/hasNextPage").asBoolean());
    }

    @Test
    void applyConsistencyReport_changesThePlantedNamesOnce() {
        String id = UUID.randomUUID().toString();
        PlantedExport planted = plantedReport(id);

        JsonNode first = api.run(admin, APPLY, Map.of("id", id)).at("/data/applyConsistencyReport");
        JsonNode second =
                api.run(admin, APPLY, Map.of("id", id)).at("/data/applyConsistencyReport");

        assertEquals(
                planted.applied().size(), first.at("/fieldsChanged").asInt(), first.toString());
        // a report this small is applied inline: DONE in the answer, every row walked
        assertEquals("DONE", first.at("/applyStatus").asText());
        assertEquals(first.at("/applyRows").asInt(), first.at("/applyProcessed").asInt());
        // the export's rows, then the customers it lacks
        assertEquals(
                first.at("/report/total").asInt() + first.at("/report/missingThere").asInt(),
                first.at("/applyRows").asInt());
        JsonNode last = second.at("/report/lastApply");
        assertEquals("DONE", second.at("/report/applyStatus").asText(), second.toString());
        assertEquals("DONE", last.at("/status").asText());
        assertEquals(adminId, last.at("/requestedBy").asText());
        assertEquals(5, last.at("/fields").size(), "all compared fields when none named");
        assertEquals(0, last.at("/fieldsChanged").asInt());
        assertEquals(0, second.at("/fieldsChanged").asInt(), second.toString());
        assertEquals(planted.applied().size(), second.at("/fieldsAlreadyEqual").asInt());
    }

    @Test
    void applyConsistencyReport_ofAFieldNotCompared_isBadUserInput_namingTheFields() {
        String id = UUID.randomUUID().toString();
        plantedReport(id);

        JsonNode answer = api.run(admin, APPLY, Map.of("id", id, "fields", List.of("stage")));

        assertEquals(
                "BAD_USER_INPUT",
                answer.at("/errors/0/extensions/code").asText(),
                answer.toString());
        assertEquals("fields", answer.at("/errors/0/extensions/field").asText(), answer.toString());
        assertEquals("comparedField", answer.at("/errors/0/extensions/rule").asText());
    }

    @Test
    void consistencyReport_isForbidden_toASalesRep() {
        JsonNode answer =
                api.run(api.freshRep(), REPORT, Map.of("id", UUID.randomUUID().toString()));

        assertEquals(
                "FORBIDDEN", answer.at("/errors/0/extensions/code").asText(), answer.toString());
    }
}
