package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.opencrm.core.time.AppClock;
import org.opencrm.infra.TestSupport;

/**
 * Issue 16's done-when for charts: the local cloud's dashboard page, rendered by headless Chromium
 * (Debian's {@code chromium}) against the running local cloud, shows the deal funnel the API drew
 * for a rep's seeded deals and the calibers of the rep's contract, bar by bar with labels and
 * values: the contract went through the real API, the contracts stream and the revenue aggregator.
 * Chromium is required: without it this test fails ({@code .ci/run} installs it).
 */
class DashboardEndToEndTest extends LocalCloudEndToEnd {

    private static final String CHROMIUM = "chromium";
    private static final ZoneId OFFICES = ZoneId.of("Asia/Shanghai");
    private static final long CHROMIUM_TIMEOUT_SECONDS = 120;

    @Test
    void theDashboard_inHeadlessChromium_showsTheFunnelBars_withTheirLabelsAndValues()
            throws Exception {
        // GIVEN a rep with three deals: all entered NEW, two moved to CONTACTED, one of them on
        // to NEEDS_CONFIRMED
        String region = ApiClient.unique("chart-region");
        String repId = ApiClient.unique("chart-rep");
        String repToken =
                api.createUser(repId, "SALES_REP", region, ApiClient.unique("chart-team"), null);
        JsonNode first = deal(repToken);
        JsonNode second = deal(repToken);
        deal(repToken);
        JsonNode firstContacted = move(repToken, first, "CONTACTED");
        move(repToken, second, "CONTACTED");
        move(repToken, firstContacted, "NEEDS_CONFIRMED");
        // AND a contract of the rep: 100,000 signed, 60,000 shipped, 40,000 invoiced (by finance)
        Instant signedAt = AppClock.SHARED.instant().minusSeconds(60);
        String contractId = contract(repToken, signedAt);
        LocalDate today = LocalDate.ofInstant(AppClock.SHARED.instant(), OFFICES);
        ship(repToken, contractId, today, "60000.00");
        invoice(api.adminToken(), contractId, today, "40000.00");
        String signedMonth = YearMonth.from(signedAt.atZone(OFFICES)).toString();
        String thisMonth = YearMonth.from(today).toString();
        awaitRevenue(repToken, LocalDate.ofInstant(signedAt, OFFICES), "SIGNED", "100000.00");
        awaitRevenue(repToken, today, "SHIPPED", "60000.00");
        awaitRevenue(repToken, today, "INVOICED", "40000.00");
        // (issue 16's done-when through the real API: the three numbers in one revenue row)
        JsonNode rows =
                api.data(
                                repToken,
                                "query($from: DateTime!, $to: DateTime!) { revenue(from: $from, to: $to,"
                                        + " groupBy: [OWNER], calibers: [SIGNED, SHIPPED, INVOICED])"
                                        + " { definitionVersion rows { ownerId values { caliber amount } } } }",
                                Map.of(
                                        "from",
                                        YearMonth.parse(signedMonth)
                                                .atDay(1)
                                                .atStartOfDay(OFFICES)
                                                .toInstant()
                                                .toString(),
                                        "to",
                                        today.plusDays(1)
                                                .atStartOfDay(OFFICES)
                                                .toInstant()
                                                .toString()))
                        .at("/revenue/rows");
        assertEquals(1, rows.size(), rows.toString());
        assertEquals(repId, rows.at("/0/ownerId").asText());
        assertEquals(
                List.of("SIGNED=100000.00", "SHIPPED=60000.00", "INVOICED=40000.00"),
                StreamSupport.stream(rows.at("/0/values").spliterator(), false)
                        .map(
                                value ->
                                        value.at("/caliber").asText()
                                                + "="
                                                + value.at("/amount").asText())
                        .toList());

        // WHEN Chromium renders the dashboard page as that rep
        Document page = Jsoup.parse(dumpDom(cloud.baseUrl() + "/dashboard?user=" + repId));

        // THEN both panels finished, the funnel drawn as inline SVG from the API
        assertEquals("true", page.body().attr("data-ready"), page.outerHtml());
        Element funnel = page.getElementById("funnel");
        assertEquals("loaded", funnel.attr("data-state"), funnel.outerHtml());
        // each stage's bar carries the count of deals that entered it, NEW to SIGNED in order
        Map<String, String> entered = new LinkedHashMap<>();
        for (Element bar : funnel.select("rect.bar[data-series=entered]")) {
            entered.put(bar.attr("data-category"), bar.attr("data-value"));
        }
        assertEquals(
                List.of(
                        "NEW",
                        "CONTACTED",
                        "NEEDS_CONFIRMED",
                        "DEMO",
                        "NEGOTIATION",
                        "CONTRACT_APPROVAL",
                        "SIGNED"),
                List.copyOf(entered.keySet()));
        assertEquals("3", entered.get("NEW"));
        assertEquals("2", entered.get("CONTACTED"));
        assertEquals("1", entered.get("NEEDS_CONFIRMED"));
        assertEquals("0", entered.get("DEMO"));
        // the visible labels: stage names under the bars, counts above them, conversions below
        assertEquals(List.copyOf(entered.keySet()), funnel.select("text.category").eachText());
        assertEquals(
                List.of("3", "2", "1", "0", "0", "0", "0"), funnel.select("text.value").eachText());
        assertEquals(
                List.of("advanced 66.7%", "advanced 50.0%", "advanced 0.0%"),
                funnel.select("text.note").eachText());
        // and the bars' heights are in proportion to the counts (3 : 2 : 1)
        double newHeight = height(funnel, "NEW");
        assertTrue(newHeight > 0, funnel.outerHtml());
        assertEquals(newHeight * 2 / 3, height(funnel, "CONTACTED"), 0.02);
        assertEquals(newHeight / 3, height(funnel, "NEEDS_CONFIRMED"), 0.02);

        // and the revenue panel draws the rep's calibers over the last six months, this one last
        Element revenue = page.getElementById("revenue");
        assertEquals("loaded", revenue.attr("data-state"), revenue.outerHtml());
        List<String> months = revenue.select("text.category").eachText();
        assertEquals(6, months.size(), months.toString());
        assertEquals(thisMonth, months.get(5));
        assertEquals(
                List.of("SIGNED", "SHIPPED", "INVOICED", "COLLECTED"),
                revenue.select("text.legend").eachText());
        assertEquals("100000.00", barValue(revenue, "SIGNED", signedMonth));
        assertEquals("60000.00", barValue(revenue, "SHIPPED", thisMonth));
        assertEquals("40000.00", barValue(revenue, "INVOICED", thisMonth));
        assertEquals("0.00", barValue(revenue, "COLLECTED", thisMonth));
        // the value written above each bar is the same number
        assertTrue(
                revenue.select("text.value")
                        .eachText()
                        .containsAll(List.of("100000.00", "60000.00", "40000.00")),
                revenue.outerHtml());
    }

    @Test
    void theTokenRoute_isBehindTheAuthorizer_andTheLinkRoute_answersAnUnsignedLinkWith401Json() {
        HttpResponse<String> noToken =
                TestSupport.send(
                        TestSupport.request(
                                cloud, "/charts/funnel.svg?from=2026-01-01&to=2026-02-01"));
        HttpResponse<String> unsignedLink =
                TestSupport.send(
                        TestSupport.request(
                                cloud, "/charts/link/funnel.svg?from=2026-01-01&to=2026-02-01"));

        assertEquals(401, noToken.statusCode());
        assertEquals("Unauthorized", TestSupport.json(noToken).at("/message").asText());
        // the link route reaches the function (no authorizer), which refuses the missing signature
        assertEquals(401, unsignedLink.statusCode(), unsignedLink.body());
        assertEquals(
                "UNAUTHENTICATED",
                TestSupport.json(unsignedLink).at("/errors/0/extensions/code").asText());
    }

    /**
     * The DOM after the page's scripts ran: Chromium's virtual time budget lets the page's fetches
     * finish before the dump.
     */
    private static String dumpDom(String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        ProcessBuilder command =
                new ProcessBuilder(
                                CHROMIUM,
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-dev-shm-usage",
                                "--no-first-run",
                                "--user-data-dir=" + profile,
                                "--virtual-time-budget=30000",
                                "--dump-dom",
                                url)
                        .redirectError(ProcessBuilder.Redirect.DISCARD);
        Process chromium;
        try {
            chromium = command.start();
        } catch (IOException missing) {
            throw new AssertionError(
                    "headless Chromium is required for this test and was not found on the PATH"
                            + " (Debian: apt-get install chromium; .ci/run installs it)",
                    missing);
        }
        byte[] dom = chromium.getInputStream().readAllBytes();
        if (!chromium.waitFor(CHROMIUM_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
            throw new AssertionError(
                    "chromium did not finish within " + CHROMIUM_TIMEOUT_SECONDS + " s");
        }
        assertEquals(0, chromium.exitValue(), "chromium's exit status");
        return new String(dom, StandardCharsets.UTF_8);
    }

    private static String barValue(Element panel, String series, String month) {
        Element bar =
                panel.selectFirst(
                        "rect.bar[data-series=" + series + "][data-category=" + month + "]");
        assertTrue(bar != null, series + " " + month + " in " + panel.outerHtml());
        return bar.attr("data-value");
    }

    private static String contract(String repToken, Instant signedAt) {
        String customerId =
                api.data(
                                repToken,
                                "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                                Map.of(
                                        "in",
                                        Map.of(
                                                "name",
                                                ApiClient.unique("Revenue Co"),
                                                "phone",
                                                ApiClient.uniqueMobile())))
                        .at("/createCustomer/id")
                        .asText();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("number", ApiClient.unique("HT-CHART").toUpperCase(Locale.ROOT));
        input.put("customerId", customerId);
        input.put("amount", "100000.00");
        input.put("taxRate", "0.13");
        input.put("signedAt", signedAt.toString());
        return api.data(
                        repToken,
                        "mutation($in: ContractInput!) { createContract(input: $in) { id } }",
                        Map.of("in", input))
                .at("/createContract/id")
                .asText();
    }

    private static void ship(String token, String contractId, LocalDate date, String amount) {
        api.data(
                token,
                "mutation($id: ID!, $in: ShipmentInput!) { recordShipment(contractId: $id, input: $in) { version } }",
                Map.of("id", contractId, "in", Map.of("date", date.toString(), "amount", amount)));
    }

    private static void invoice(String token, String contractId, LocalDate date, String amount) {
        String number = String.valueOf(10_000_000_000L + (long) (Math.random() * 1e9));
        api.data(
                token,
                "mutation($id: ID!, $in: InvoiceInput!) { recordInvoice(contractId: $id, input: $in) { version } }",
                Map.of(
                        "id",
                        contractId,
                        "in",
                        Map.of(
                                "number",
                                number,
                                "type",
                                "ORDINARY",
                                "date",
                                date.toString(),
                                "amount",
                                amount)));
    }

    /** Until the revenue aggregator has the caliber's amount for the rep in {@code day}'s month. */
    private static void awaitRevenue(String token, LocalDate day, String caliber, String amount) {
        YearMonth month = YearMonth.from(day);
        Map<String, Object> period =
                Map.of(
                        "from",
                        month.atDay(1).atStartOfDay(OFFICES).toInstant().toString(),
                        "to",
                        month.plusMonths(1).atDay(1).atStartOfDay(OFFICES).toInstant().toString());
        TestSupport.await(
                "the " + caliber + " aggregate",
                () ->
                        api
                                .data(
                                        token,
                                        "query($from: DateTime!, $to: DateTime!) { revenue(from: $from, to: $to,"
                                                + " groupBy: [MONTH], calibers: [SIGNED, SHIPPED, INVOICED])"
                                                + " { rows { values { caliber amount } } } }",
                                        period)
                                .at("/revenue/rows")
                                .findValues("values")
                                .stream()
                                .flatMap(
                                        values -> StreamSupport.stream(values.spliterator(), false))
                                .anyMatch(
                                        value ->
                                                value.at("/caliber").asText().equals(caliber)
                                                        && value.at("/amount")
                                                                .asText()
                                                                .equals(amount)));
    }

    private static double height(Element funnel, String stage) {
        return Double.parseDouble(
                funnel.selectFirst("rect.bar[data-category=" + stage + "]").attr("height"));
    }

    private static JsonNode deal(String repToken) {
        String customerId =
                api.data(
                                repToken,
                                "mutation($in: CreateCustomerInput!) { createCustomer(input: $in) { id } }",
                                Map.of(
                                        "in",
                                        Map.of(
                                                "name",
                                                ApiClient.unique("Chart Co"),
                                                "phone",
                                                ApiClient.uniqueMobile())))
                        .at("/createCustomer/id")
                        .asText();
        return api.data(
                        repToken,
                        "mutation($in: CreateDealInput!) { createDeal(input: $in) { id version } }",
                        Map.of("in", Map.of("customerId", customerId, "title", "Chart pilot")))
                .at("/createDeal");
    }

    private static JsonNode move(String token, JsonNode deal, String toStage) {
        return api.data(
                        token,
                        "mutation($id: ID!, $v: Int!, $to: DealStage!) { moveDeal(id: $id, expectedVersion: $v, toStage: $to) { id version } }",
                        Map.of(
                                "id",
                                deal.get("id").asText(),
                                "v",
                                deal.get("version").asInt(),
                                "to",
                                toStage))
                .at("/moveDeal");
    }
}
