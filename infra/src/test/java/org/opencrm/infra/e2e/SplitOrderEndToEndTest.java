package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.opencrm.core.contract.FactKind;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.contract.MoneyFactItem;
import org.opencrm.core.store.DynamoClients;
import org.opencrm.infra.TestSupport;
import org.opencrm.infra.auth.DemoOrg;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;

/**
 * Issue 16's split-order done-when case in the local cloud: three contracts of one customer within
 * 7 days totalling 600,000.00, their signing facts written into the contracts table as the
 * contracts code writes them, raise exactly one SPLIT_ORDER through the real SplitOrderFunction
 * polled from the contracts stream; the region manager reads it over HTTP and is told once.
 */
class SplitOrderEndToEndTest extends LocalCloudEndToEnd {

    private static final String ANOMALIES =
            "{ anomalies(kind: SPLIT_ORDER, first: 100) { edges { node { id customerId total"
                    + " contracts { contractId amount } } } } }";

    private static void sign(String customerId, String region, int day) {
        String contractId = UUID.randomUUID().toString();
        MoneyFact fact =
                MoneyFact.builder()
                        .factId("signing:" + contractId)
                        .contractId(contractId)
                        .contractNumber("HT-" + contractId.substring(0, 8))
                        .customerId(customerId)
                        .ownerId(DemoOrg.REP_A1.id())
                        .team("split-team")
                        .region(region)
                        .kind(FactKind.SIGNING)
                        .date(LocalDate.of(2026, 11, 2).plusDays(day))
                        .amountFen(200_000_00L)
                        .taxFen(23_008_85L)
                        .contractVersion(1)
                        .recordedAt(Instant.now())
                        .actorId("e2e-contracts")
                        .build();
        DynamoClients.enhanced(cloud.dynamo())
                .table(cloud.tableNames().contracts(), TableSchema.fromBean(MoneyFactItem.class))
                .putItem(
                        PutItemEnhancedRequest.builder(MoneyFactItem.class)
                                .item(MoneyFactItem.from(fact))
                                .conditionExpression(
                                        Expression.builder()
                                                .expression("attribute_not_exists(id)")
                                                .build())
                                .build());
    }

    private static List<JsonNode> anomaliesOf(String token, String customerId) {
        JsonNode edges = api.data(token, ANOMALIES, Map.of()).at("/anomalies/edges");
        return StreamSupport.stream(edges.spliterator(), false)
                .map(edge -> edge.get("node"))
                .filter(node -> customerId.equals(node.at("/customerId").asText()))
                .toList();
    }

    private static long splitOrderNotices(String token, String anomalyId) {
        JsonNode edges =
                api.data(
                                token,
                                "{ notifications(first: 100) { edges { node { kind payload } } } }",
                                Map.of())
                        .at("/notifications/edges");
        return StreamSupport.stream(edges.spliterator(), false)
                .map(edge -> edge.get("node"))
                .filter(node -> "SPLIT_ORDER".equals(node.at("/kind").asText()))
                .filter(node -> node.at("/payload").toString().contains(anomalyId))
                .count();
    }

    @Test
    void
            threeContractsWithinSevenDaysTotalling600k_raiseExactlyOneSplitOrder_andTellTheManagerOnce() {
        // GIVEN a region with its manager, and a customer signing three contracts there
        String region = ApiClient.unique("split-region");
        String managerToken =
                new ApiClient(cloud)
                        .createUser(
                                ApiClient.unique("split-rm"), "REGION_MANAGER", region, null, null);
        String customerId = UUID.randomUUID().toString();

        // WHEN the contracts code writes the three signings (days 0, 3 and 6)
        for (int day : new int[] {0, 3, 6}) {
            sign(customerId, region, day);
        }

        // THEN the stream poller's SplitOrderFunction raises the anomaly
        TestSupport.await(
                "the split order to be raised",
                () -> !anomaliesOf(managerToken, customerId).isEmpty());
        // AND once everything is processed there is exactly one, holding the three
        TestSupport.await(
                "the manager to be told",
                () ->
                        splitOrderNotices(
                                        managerToken,
                                        anomaliesOf(managerToken, customerId)
                                                .get(0)
                                                .at("/id")
                                                .asText())
                                > 0);
        List<JsonNode> raised = anomaliesOf(managerToken, customerId);
        assertEquals(1, raised.size());
        assertEquals("600000.00", raised.get(0).at("/total").asText());
        assertEquals(3, raised.get(0).at("/contracts").size());
        String id = raised.get(0).at("/id").asText();
        assertEquals(1, splitOrderNotices(managerToken, id));
        assertEquals(1, splitOrderNotices(api.tokenOf(DemoOrg.FINANCE), id));
    }
}
