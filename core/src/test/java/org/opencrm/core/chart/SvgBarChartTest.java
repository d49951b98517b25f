package org.opencrm.core.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.chart.BarChart.Series;
import org.opencrm.core.chart.BarChart.ValueFormat;
import org.w3c.dom.Element;

class SvgBarChartTest {

    private static final BarChart REVENUE =
            BarChart.of(
                    "Revenue",
                    List.of("2026-01", "2026-02"),
                    List.of(
                            new Series("SIGNED", List.of(10_000_000L, 2_500_050L)),
                            new Series("SHIPPED", List.of(6_000_000L, 0L)),
                            new Series("INVOICED", List.of(4_000_000L, 1L))),
                    ValueFormat.FEN_AS_YUAN);

    @Test
    void writesOneBarPerSeriesAndCategory_withTheAmountInYuanWithTwoPlaces() throws Exception {
        // WHEN the chart is rendered and parsed as XML
        SvgDom svg = SvgDom.parse(SvgBarChart.render(REVENUE));

        // THEN it is an SVG document with six bars, each naming its series, month and yuan value
        assertEquals(SvgBarChart.SVG_NS, svg.root().getNamespaceURI());
        assertEquals("svg", svg.root().getLocalName());
        assertEquals(6, svg.ofClass("bar").size());
        assertEquals("100000.00", svg.bar("SIGNED", "2026-01").getAttribute("data-value"));
        assertEquals("25000.50", svg.bar("SIGNED", "2026-02").getAttribute("data-value"));
        assertEquals("0.01", svg.bar("INVOICED", "2026-02").getAttribute("data-value"));
        assertEquals(
                List.of("100000.00", "60000.00", "40000.00", "25000.50", "0.00", "0.01"),
                svg.textsOf("value"));
        assertEquals(List.of("2026-01", "2026-02"), svg.textsOf("category"));
        assertEquals(List.of("SIGNED", "SHIPPED", "INVOICED"), svg.textsOf("legend"));
        assertEquals("Revenue", svg.textsOf("title").get(0));
    }

    @Test
    void barHeights_areProportionalToTheValues_andStandOnOneBaseline() throws Exception {
        SvgDom svg = SvgDom.parse(SvgBarChart.render(REVENUE));

        Element signed = svg.bar("SIGNED", "2026-01");
        Element shipped = svg.bar("SHIPPED", "2026-01");
        Element invoiced = svg.bar("INVOICED", "2026-01");
        double tallest = SvgDom.number(signed, "height");

        // THEN the largest value fills the plot, the others in proportion (100 : 60 : 40)
        assertEquals(SvgBarChart.PLOT_BOTTOM - SvgBarChart.PLOT_TOP, tallest, 0.01);
        assertEquals(tallest * 0.6, SvgDom.number(shipped, "height"), 0.02);
        assertEquals(tallest * 0.4, SvgDom.number(invoiced, "height"), 0.02);
        assertEquals(0, SvgDom.number(svg.bar("SHIPPED", "2026-02"), "height"), 0.001);
        // and every bar's bottom edge is the zero line
        for (Element bar : svg.ofClass("bar")) {
            assertEquals(
                    SvgBarChart.PLOT_BOTTOM,
                    SvgDom.number(bar, "y") + SvgDom.number(bar, "height"),
                    0.02);
        }
        // and bars of one month sit side by side, left to right in series order
        assertTrue(SvgDom.number(signed, "x") < SvgDom.number(shipped, "x"));
        assertTrue(SvgDom.number(shipped, "x") < SvgDom.number(invoiced, "x"));
        assertTrue(SvgDom.number(invoiced, "x") < SvgDom.number(svg.bar("SIGNED", "2026-02"), "x"));
    }

    @Test
    void aNegativeValue_hangsBelowTheZeroLine_inProportion() throws Exception {
        // GIVEN a month whose returns exceed its shipments
        BarChart chart =
                BarChart.of(
                        "Net",
                        List.of("2026-01", "2026-02"),
                        List.of(new Series("SHIPPED", List.of(30_000L, -10_000L))),
                        ValueFormat.FEN_AS_YUAN);

        SvgDom svg = SvgDom.parse(SvgBarChart.render(chart));

        Element positive = svg.bar("SHIPPED", "2026-01");
        Element negative = svg.bar("SHIPPED", "2026-02");
        double zero = SvgDom.number(positive, "y") + SvgDom.number(positive, "height");
        assertEquals(zero, SvgDom.number(negative, "y"), 0.02);
        assertEquals(
                SvgDom.number(positive, "height") / 3, SvgDom.number(negative, "height"), 0.02);
        assertEquals("-100.00", negative.getAttribute("data-value"));
        assertEquals(
                SvgBarChart.PLOT_BOTTOM - SvgBarChart.PLOT_TOP,
                SvgDom.number(positive, "height") + SvgDom.number(negative, "height"),
                0.02);
    }

    @Test
    void markupInLabels_isEscaped_soItStaysText() throws Exception {
        // GIVEN names that look like markup
        BarChart chart =
                BarChart.of(
                        "A & B <script>alert(1)</script>",
                        List.of("\"华东\" <b>"),
                        List.of(new Series("x\"/><rect class=\"bar", List.of(5L))),
                        ValueFormat.COUNT);

        SvgDom svg = SvgDom.parse(SvgBarChart.render(chart));

        // THEN they come back verbatim as text and attribute values, and no element was injected
        assertEquals(1, svg.ofClass("bar").size());
        assertEquals(
                "x\"/><rect class=\"bar", svg.ofClass("bar").get(0).getAttribute("data-series"));
        assertEquals(List.of("\"华东\" <b>"), svg.textsOf("category"));
        assertEquals("A & B <script>alert(1)</script>", svg.textsOf("title").get(0));
        assertEquals(0, svg.root().getElementsByTagNameNS("*", "script").getLength());
        assertEquals(List.of("5"), svg.textsOf("value"));
    }

    @Test
    void allZeroValues_drawFlatBars_insteadOfDividingByZero() throws Exception {
        BarChart chart =
                BarChart.of(
                        "Nothing yet",
                        List.of("2026-01"),
                        List.of(new Series("SIGNED", List.of(0L))),
                        ValueFormat.FEN_AS_YUAN);

        SvgDom svg = SvgDom.parse(SvgBarChart.render(chart));

        assertEquals(0, SvgDom.number(svg.bar("SIGNED", "2026-01"), "height"), 0.001);
        assertEquals("0.00", svg.bar("SIGNED", "2026-01").getAttribute("data-value"));
    }

    @Test
    void noCategories_sayNoData() throws Exception {
        BarChart chart =
                BarChart.of(
                        "Empty",
                        List.of(),
                        List.of(new Series("SIGNED", List.of())),
                        ValueFormat.COUNT);

        SvgDom svg = SvgDom.parse(SvgBarChart.render(chart));

        assertEquals(0, svg.ofClass("bar").size());
        assertEquals(List.of("no data"), svg.textsOf("empty"));
    }

    @Test
    void aSeriesWithTheWrongNumberOfValues_isRefused() {
        IllegalArgumentException refused =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                BarChart.of(
                                        "Bad",
                                        List.of("a", "b"),
                                        List.of(new Series("s", List.of(1L))),
                                        ValueFormat.COUNT));
        assertTrue(refused.getMessage().contains("1 values for 2 categories"));
    }
}
