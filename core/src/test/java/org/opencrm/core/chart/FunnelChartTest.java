package org.opencrm.core.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.deal.DealStage;
import org.opencrm.core.deal.Funnel;
import org.opencrm.core.deal.FunnelMath.FunnelStage;
import org.opencrm.core.deal.FunnelService.FunnelQuery;
import org.opencrm.core.error.ValidationException;

class FunnelChartTest {

    @Test
    void oneBarPerStage_withTheDealsThatEnteredIt_andTheShareThatAdvancedUnderIt() {
        // GIVEN a funnel of three stages, the last with nothing entered
        Funnel funnel =
                new Funnel(
                        Instant.parse("2026-01-01T00:00:00+08:00"),
                        Instant.parse("2026-02-01T00:00:00+08:00"),
                        null,
                        null,
                        null,
                        1,
                        List.of(
                                stage(DealStage.NEW, 8, 6, "0.7500"),
                                stage(DealStage.CONTACTED, 6, 2, "0.3333"),
                                stage(DealStage.SIGNED, 0, 0, null)));

        BarChart chart = FunnelChart.of(funnel);

        assertEquals("Deal funnel 2026-01-01 to 2026-02-01", chart.title());
        assertEquals(List.of("NEW", "CONTACTED", "SIGNED"), chart.categories());
        assertEquals(List.of(8L, 6L, 0L), chart.series().get(0).values());
        assertEquals(List.of("advanced 75.0%", "advanced 33.3%", ""), chart.notes());
        assertEquals(BarChart.ValueFormat.COUNT, chart.format());
    }

    @Test
    void datesAreDaysInTheOfficesZone_andInstantsAreTakenAsTheyAre() {
        FunnelQuery query =
                FunnelChartQuery.parse(
                        Map.of("from", "2026-01-01", "to", "2026-02-01T00:00:00Z", "region", "华东"));

        assertEquals(Instant.parse("2025-12-31T16:00:00Z"), query.from());
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), query.to());
        assertEquals("华东", query.region());
        assertEquals(query, FunnelChartQuery.parse(FunnelChartQuery.parameters(query)));
    }

    @Test
    void unreadableOrMissingDates_areRefusedTogether() {
        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () -> FunnelChartQuery.parse(Map.of("from", "yesterday")));

        assertEquals(
                List.of("from", "to"), refused.problems().stream().map(p -> p.field()).toList());
        assertEquals(
                List.of("format", "required"),
                refused.problems().stream().map(p -> p.rule()).toList());
    }

    private static FunnelStage stage(DealStage stage, int entered, int advanced, String rate) {
        return new FunnelStage(
                stage,
                entered,
                advanced,
                0,
                0,
                rate == null ? null : new BigDecimal(rate),
                null,
                null);
    }
}
