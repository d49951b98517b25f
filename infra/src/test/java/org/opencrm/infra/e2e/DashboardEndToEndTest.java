package org.opencrm.infra.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.opencrm.infra.TestSupport;

/**
 * Issue 16's done-when for charts: the local cloud's dashboard page, rendered by headless Chromium
 * (Debian's {@code chromium}) against the running local cloud, shows the deal funnel the API drew
 * for a rep's seeded deals, bar by bar with labels and values, and the revenue panel's refusal
 * while no revenue source is wired. Chromium is required: without it this test fails ({@code
 * .ci/run} installs it).
 */
class DashboardEndToEndTest extends LocalCloudEndToEnd {

    private static final String CHROMIUM = "chromium";
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

        // and the revenue panel says plainly why it has no chart (no source wired in this cloud)
        Element revenue = page.getElementById("revenue");
        assertEquals("error", revenue.attr("data-state"), revenue.outerHtml());
        Element error = revenue.selectFirst("p.chart-error");
        assertEquals("NOT_FOUND", error.attr("data-code"));
        assertTrue(error.text().contains("no revenue source is configured"), error.text());
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
