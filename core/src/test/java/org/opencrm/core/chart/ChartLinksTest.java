package org.opencrm.core.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.UnauthenticatedException;
import org.opencrm.core.time.AppClock;

class ChartLinksTest {

    private static final byte[] KEY =
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final AppClock clock =
            new AppClock(Clock.fixed(Instant.parse("2026-12-01T01:00:00Z"), ZoneOffset.UTC));
    private final ChartLinks links = new ChartLinks(KEY, "https://api.example.cn/prod/", clock);
    private final RevenueChartQuery query =
            RevenueChartQuery.parse(
                    Map.of("from", "2026-11", "to", "2026-11", "calibers", "SIGNED,INVOICED"));

    @Test
    void aLink_namesTheChartRoute_andVerifiesAsItsViewer() {
        URI link = links.revenue(query, "finance-1", Duration.ofDays(31));

        assertEquals(
                "https://api.example.cn/prod/charts/link/revenue.svg",
                link.getScheme() + "://" + link.getHost() + link.getPath());
        Map<String, String> parameters = parametersOf(link);
        assertEquals("2026-11", parameters.get("from"));
        assertEquals("SIGNED,INVOICED", parameters.get("calibers"));
        assertEquals(
                Long.toString(Instant.parse("2027-01-01T01:00:00Z").getEpochSecond()),
                parameters.get("expires"));
        assertEquals("finance-1", links.verify(ChartKind.REVENUE, parameters));
        assertEquals(query.parameters(), ChartLinks.chartParameters(parameters));
    }

    @Test
    void aChangedParameter_orAnotherChart_orAnotherKey_isRefused() {
        Map<String, String> parameters =
                parametersOf(links.revenue(query, "finance-1", Duration.ofDays(1)));

        Map<String, String> widened = new LinkedHashMap<>(parameters);
        widened.put("to", "2026-12");
        assertThrows(
                UnauthenticatedException.class, () -> links.verify(ChartKind.REVENUE, widened));

        Map<String, String> someoneElse = new LinkedHashMap<>(parameters);
        someoneElse.put("viewer", "admin-1");
        assertThrows(
                UnauthenticatedException.class, () -> links.verify(ChartKind.REVENUE, someoneElse));

        Map<String, String> added = new LinkedHashMap<>(parameters);
        added.put("region", "华东");
        assertThrows(UnauthenticatedException.class, () -> links.verify(ChartKind.REVENUE, added));

        assertThrows(
                UnauthenticatedException.class, () -> links.verify(ChartKind.FUNNEL, parameters));

        ChartLinks otherKey =
                new ChartLinks(
                        "another key, 32 bytes or more!!!".getBytes(StandardCharsets.UTF_8),
                        "https://x",
                        clock);
        assertThrows(
                UnauthenticatedException.class,
                () -> otherKey.verify(ChartKind.REVENUE, parameters));

        Map<String, String> garbled = new LinkedHashMap<>(parameters);
        garbled.put("sig", "not hex");
        assertThrows(
                UnauthenticatedException.class, () -> links.verify(ChartKind.REVENUE, garbled));

        Map<String, String> unsigned = new LinkedHashMap<>(parameters);
        unsigned.remove("sig");
        UnauthenticatedException missing =
                assertThrows(
                        UnauthenticatedException.class,
                        () -> links.verify(ChartKind.REVENUE, unsigned));
        assertTrue(missing.getMessage().contains("sig"));
    }

    @Test
    void aLink_stopsWorkingAtItsExpiry() {
        Map<String, String> parameters =
                parametersOf(links.revenue(query, "finance-1", Duration.ofHours(2)));

        clock.advance(Duration.ofHours(2).minusSeconds(1));
        assertEquals("finance-1", links.verify(ChartKind.REVENUE, parameters));

        clock.advance(Duration.ofSeconds(1));
        UnauthenticatedException expired =
                assertThrows(
                        UnauthenticatedException.class,
                        () -> links.verify(ChartKind.REVENUE, parameters));
        assertTrue(
                expired.getMessage().contains("expired at 2026-12-01T03:00:00Z"),
                expired.getMessage());
    }

    @Test
    void aLifetimeBeyondTheMaximum_isRefusedWhenTheLinkIsMade() {
        assertThrows(
                IllegalArgumentException.class,
                () -> links.revenue(query, "finance-1", ChartLinks.MAX_LIFETIME.plusSeconds(1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> links.revenue(query, "finance-1", Duration.ZERO));
    }

    /** The link's query as API Gateway hands it on: decoded values by name. */
    static Map<String, String> parametersOf(URI link) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : link.getRawQuery().split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            parameters.put(
                    URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
