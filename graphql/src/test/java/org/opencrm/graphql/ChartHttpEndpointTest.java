package org.opencrm.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.opencrm.core.chart.ChartLinks;
import org.opencrm.core.chart.RevenueChartQuery;
import org.opencrm.core.contract.FactKind;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.input.InputRules;
import org.opencrm.core.ratelimit.RateLimitStore;
import org.opencrm.core.ratelimit.RateLimiter;
import org.opencrm.core.ratelimit.RateLimits;
import org.opencrm.core.testing.LocalDynamo;
import org.opencrm.core.testing.StreamReader;
import org.opencrm.core.testing.TestCallers;
import org.opencrm.core.testing.TestFacts;
import org.opencrm.graphql.chart.ChartHttpEndpoint;
import org.opencrm.graphql.chart.ChartRequest;
import org.opencrm.graphql.http.HttpResponse;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The chart routes over the real funnel, revenue report, policy and users on the embedded engine:
 * the revenue bars are the aggregates of money facts written to the contracts table and fed through
 * the revenue aggregator from the table's stream.
 */
class ChartHttpEndpointTest {

    private final GraphqlFixture api = new GraphqlFixture();
    private final Map<String, String> rep = api.freshRep();
    private final Map<String, String> finance =
            api.claims("fin-" + UUID.randomUUID(), "FINANCE", "east");
    private final ChartLinks links =
            ChartLinks.from(LocalDynamo.demoSecrets(), "https://api.test/dev", Clock.systemUTC());

    private final ChartHttpEndpoint endpoint =
            new ChartHttpEndpoint(
                    api.services.charts(),
                    links,
                    api.services.users()::authenticate,
                    api.services.protection().budgets());

    /** The endpoint with a budget of 2 requests a second, bursts of 3. */
    private ChartHttpEndpoint tight() {
        return new ChartHttpEndpoint(
                api.services.charts(),
                links,
                api.services.users()::authenticate,
                new RateLimiter(
                        new RateLimitStore(api.dynamo.client(), api.dynamo.tables()),
                        () -> new RateLimits(2, 3, 1000, 1000),
                        Clock.systemUTC()));
    }

    // a year of this test's own, so finance's totals of its months are this test's facts alone
    private final int year = 2400 + ThreadLocalRandom.current().nextInt(7_000);
    private final String january = year + "-01";
    private final String february = year + "-02";

    /** One contract of the rep: 100 k signed, 60 k shipped and 40 k invoiced in January. */
    private void januaryContract() {
        String contractId = "chart-" + UUID.randomUUID();
        MoneyFact signing =
                TestFacts.signing(contractId, LocalDate.of(year, 1, 5), 10_000_000)
                        .customerId("cust-" + contractId)
                        .ownerId(rep.get("sub"))
                        .region("east")
                        .build();
        MoneyFact shipment =
                money(signing, FactKind.SHIPMENT, LocalDate.of(year, 1, 12), 6_000_000);
        MoneyFact invoice = money(signing, FactKind.INVOICE, LocalDate.of(year, 1, 20), 4_000_000);
        for (MoneyFact fact : List.of(signing, shipment, invoice)) {
            TestFacts.write(api.dynamo.enhanced(), api.dynamo.tables(), fact);
        }
        TestFacts.records(
                        new StreamReader(api.dynamo.streams()),
                        api.dynamo.tables(),
                        signing,
                        shipment,
                        invoice)
                .forEach(api.services.reports().aggregator()::onRecord);
    }

    private static MoneyFact money(MoneyFact signing, FactKind kind, LocalDate date, long fen) {
        return MoneyFact.builder()
                .factId(kind + ":" + signing.contractId())
                .contractId(signing.contractId())
                .contractNumber(signing.contractNumber())
                .customerId(signing.customerId())
                .ownerId(signing.ownerId())
                .region(signing.region())
                .kind(kind)
                .date(date)
                .amountFen(fen)
                .taxFen(0)
                .contractVersion(2)
                .recordedAt(Instant.now())
                .actorId("test-contracts")
                .build();
    }

    private static ChartRequest byToken(
            String file, Map<String, String> parameters, Map<String, String> claims) {
        return new ChartRequest(
                file, false, parameters, claims, "req-" + UUID.randomUUID(), "203.0.113.9");
    }

    private static ChartRequest byLink(URI link) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : link.getRawQuery().split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            parameters.put(
                    URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
        }
        String path = link.getPath();
        return new ChartRequest(
                path.substring(path.lastIndexOf('/') + 1),
                true,
                parameters,
                Map.of(),
                "req-" + UUID.randomUUID(),
                "203.0.113.9");
    }

    @Test
    void theFunnelChart_showsTheRepsDeal_inEveryStageItEntered() throws Exception {
        // GIVEN a rep's deal moved from NEW to CONTACTED
        dealMovedOnce();
        Instant now = Instant.now();

        // WHEN the rep asks for the funnel chart of the last and next hour
        HttpResponse response =
                endpoint.handle(
                        byToken(
                                "funnel.svg",
                                Map.of(
                                        "from",
                                        now.minus(Duration.ofHours(1)).toString(),
                                        "to",
                                        now.plus(Duration.ofHours(1)).toString()),
                                rep));

        // THEN it is an SVG whose NEW and CONTACTED bars count that one deal
        assertEquals(200, response.status(), response.body());
        assertEquals(ChartHttpEndpoint.SVG, response.headers().get("content-type"));
        Map<String, String> entered = barValues(response.body(), "entered");
        assertEquals("1", entered.get("NEW"), response.body());
        assertEquals("1", entered.get("CONTACTED"));
        assertEquals("0", entered.get("SIGNED"));
        assertTrue(response.body().contains("advanced 100.0%"), response.body());
    }

    @Test
    void theRevenueChart_drawsTheRevenueReportsMonths_inYuanWithTwoPlaces() throws Exception {
        januaryContract();

        HttpResponse response =
                endpoint.handle(
                        byToken(
                                "revenue.svg",
                                Map.of(
                                        "from",
                                        january,
                                        "to",
                                        february,
                                        "calibers",
                                        "SIGNED,SHIPPED,INVOICED"),
                                finance));

        assertEquals(200, response.status(), response.body());
        assertEquals(
                Map.of(january, "100000.00", february, "0.00"),
                barValues(response.body(), "SIGNED"));
        assertEquals(
                Map.of(january, "60000.00", february, "0.00"),
                barValues(response.body(), "SHIPPED"));
        assertEquals(
                Map.of(january, "40000.00", february, "0.00"),
                barValues(response.body(), "INVOICED"));
        // only the calibers asked are drawn
        assertEquals(Map.of(), barValues(response.body(), "COLLECTED"));
    }

    @Test
    void badParameters_areA400_withFieldRuleAndLimit_perProblem() throws Exception {
        HttpResponse response =
                endpoint.handle(
                        byToken(
                                "revenue.svg",
                                Map.of("from", "2024-01", "to", "2026-06"),
                                finance));

        assertEquals(400, response.status(), response.body());
        JsonNode extensions =
                GraphqlFixture.JSON.readTree(response.body()).at("/errors/0/extensions");
        assertEquals("BAD_USER_INPUT", extensions.at("/code").asText());
        assertEquals("to", extensions.at("/field").asText());
        assertEquals("maxMonths", extensions.at("/rule").asText());
        assertEquals(24, extensions.at("/limit").asInt());
    }

    @Test
    void aSignedLink_drawsTheChartWithoutAToken_asItsViewer() throws Exception {
        januaryContract();
        URI link =
                links.revenue(
                        RevenueChartQuery.parse(
                                Map.of("from", january, "to", january, "calibers", "INVOICED")),
                        finance.get("sub"),
                        Duration.ofDays(31));

        HttpResponse response = endpoint.handle(byLink(link));

        assertEquals(200, response.status(), response.body());
        assertEquals(Map.of(january, "40000.00"), barValues(response.body(), "INVOICED"));
    }

    @Test
    void aTamperedLink_orOneForAnUnknownViewer_isRefusedAs401() throws Exception {
        URI link =
                links.revenue(
                        RevenueChartQuery.parse(Map.of("from", "2026-01", "to", "2026-01")),
                        finance.get("sub"),
                        Duration.ofDays(1));
        URI widened = URI.create(link.toString().replace("to=2026-01", "to=2026-12"));
        URI stranger =
                links.revenue(
                        RevenueChartQuery.parse(Map.of("from", "2026-01", "to", "2026-01")),
                        "nobody-" + UUID.randomUUID(),
                        Duration.ofDays(1));

        HttpResponse tampered = endpoint.handle(byLink(widened));
        HttpResponse unknown = endpoint.handle(byLink(stranger));

        assertEquals(401, tampered.status(), tampered.body());
        assertEquals(
                "UNAUTHENTICATED",
                GraphqlFixture.JSON
                        .readTree(tampered.body())
                        .at("/errors/0/extensions/code")
                        .asText());
        assertEquals(401, unknown.status(), unknown.body());
    }

    @Test
    void theTokenRoute_withoutClaims_is401_andAnotherOwnersFunnel_is403_andAnUnknownChart_is404()
            throws Exception {
        Instant now = Instant.now();
        Map<String, String> period =
                Map.of("from", now.minus(Duration.ofDays(1)).toString(), "to", now.toString());
        Map<String, String> othersFunnel = new LinkedHashMap<>(period);
        othersFunnel.put("ownerId", "rep-" + UUID.randomUUID());

        assertEquals(401, endpoint.handle(byToken("funnel.svg", period, Map.of())).status());
        HttpResponse forbidden = endpoint.handle(byToken("funnel.svg", othersFunnel, rep));
        assertEquals(403, forbidden.status(), forbidden.body());
        assertEquals(
                "FORBIDDEN",
                GraphqlFixture.JSON
                        .readTree(forbidden.body())
                        .at("/errors/0/extensions/code")
                        .asText());
        assertEquals(404, endpoint.handle(byToken("pie.svg", period, rep)).status());
    }

    @Test
    void oneUsersFlood_ofChartsByToken_is429_withRetryAfter_whileAnotherUserIsServed()
            throws Exception {
        // GIVEN a budget of bursts of 3, and a funnel period (a query of the rep's own deals)
        ChartHttpEndpoint tight = tight();
        Instant now = Instant.now();
        Map<String, String> period =
                Map.of("from", now.minus(Duration.ofDays(1)).toString(), "to", now.toString());

        // WHEN one rep asks for ten charts at once
        HttpResponse last = null;
        for (int i = 0; i < 10; i++) {
            last = tight.handle(byToken("funnel.svg", period, rep));
        }

        // THEN the last is 429 with when to retry, in the header and in the RATE_LIMITED error
        assertRateLimited(last);
        // AND another user is served
        HttpResponse other = tight.handle(byToken("funnel.svg", period, api.freshRep()));
        assertEquals(200, other.status(), other.body());
    }

    @Test
    void aFloodThroughASignedLink_spendsItsViewersBudget() throws Exception {
        // GIVEN a revenue link for finance, and a budget of bursts of 3
        ChartHttpEndpoint tight = tight();
        URI link =
                links.revenue(
                        RevenueChartQuery.parse(Map.of("from", january, "to", january)),
                        finance.get("sub"),
                        Duration.ofDays(1));

        // WHEN the link is opened ten times at once
        HttpResponse last = null;
        for (int i = 0; i < 10; i++) {
            last = tight.handle(byLink(link));
        }

        // THEN it is refused as its viewer's flood, and the viewer's own token is refused too:
        // one budget per user, whichever way the user comes
        assertRateLimited(last);
        assertRateLimited(
                tight.handle(
                        byToken("revenue.svg", Map.of("from", january, "to", january), finance)));
    }

    private static void assertRateLimited(HttpResponse response) throws Exception {
        assertEquals(429, response.status(), response.body());
        JsonNode extensions =
                GraphqlFixture.JSON.readTree(response.body()).at("/errors/0/extensions");
        assertEquals("RATE_LIMITED", extensions.at("/code").asText(), response.body());
        assertEquals("userRequestsPerSecond", extensions.at("/rule").asText());
        assertEquals(2, extensions.at("/limit").asInt());
        assertTrue(Long.parseLong(response.headers().get("Retry-After")) >= 1, response.toString());
        assertEquals(
                response.headers().get("Retry-After"),
                extensions.at("/retryAfterSeconds").asText());
    }

    private void dealMovedOnce() {
        String customerId =
                api.run(
                                rep,
                                "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                                Map.of(
                                        "in",
                                        Map.of(
                                                "name",
                                                "Chart Co",
                                                "phone",
                                                TestCallers.uniqueMobile())))
                        .at("/data/createCustomer/id")
                        .asText();
        String dealId =
                api.run(
                                rep,
                                "mutation($in: CreateDealInput!) { createDeal(input: $in) { id } }",
                                Map.of("in", Map.of("customerId", customerId, "title", "Pilot")))
                        .at("/data/createDeal/id")
                        .asText();
        api.run(
                rep,
                "mutation($id: ID!) { moveDeal(id: $id, expectedVersion: 1, toStage: CONTACTED) { id } }",
                Map.of("id", dealId));
    }

    /** Category to written value of one series' bars, read with the JDK's XML parser. */
    static Map<String, String> barValues(String svg, String series) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        NodeList rects =
                factory.newDocumentBuilder()
                        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)))
                        .getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if ("bar".equals(rect.getAttribute("class"))
                    && series.equals(rect.getAttribute("data-series"))) {
                values.put(rect.getAttribute("data-category"), rect.getAttribute("data-value"));
            }
        }
        return values;
    }

    @Test
    void hostileParameters_areBadUserInput_namingEachParameter() throws Exception {
        // GIVEN a chart asked with a 3 KB region and an owner id with a NUL
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("region", "r".repeat(3 * 1024));
        parameters.put("ownerId", "a\u0000b");

        // WHEN it is asked for
        HttpResponse response = endpoint.handle(byToken("funnel.svg", parameters, rep));

        // THEN 400, one error per parameter with its rule and limit, and no store was asked
        assertEquals(400, response.status(), response.body());
        JsonNode errors = GraphqlFixture.JSON.readTree(response.body()).get("errors");
        assertEquals(2, errors.size(), response.body());
        // query parameters have no order, so neither have their errors
        Map<String, JsonNode> byField = new LinkedHashMap<>();
        errors.forEach(error -> byField.put(error.at("/extensions/field").asText(), error));
        assertEquals("maxLength", byField.get("region").at("/extensions/rule").asText());
        assertEquals("characters", byField.get("ownerId").at("/extensions/rule").asText());
        assertEquals(
                InputRules.ID_CHARACTERS, byField.get("ownerId").at("/extensions/limit").asText());
    }

    @Test
    void anEmptyChartName_isBadUserInput() throws Exception {
        HttpResponse response = endpoint.handle(byToken("", Map.of(), rep));

        assertEquals(400, response.status(), response.body());
        assertEquals(
                "chart",
                GraphqlFixture.JSON
                        .readTree(response.body())
                        .at("/errors/0/extensions/field")
                        .asText());
    }
}
