package org.opencrm.core.chart;

import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.opencrm.core.money.Fen;

/**
 * Writes a {@link BarChart} as a standalone SVG document. No fonts, no AWT, no browser: the layout
 * is pure arithmetic on fixed sizes, and text is placed by anchor (centred on its bar) instead of
 * measured, so the viewer's fonts do the typesetting. This is why there is no charting library
 * here: JFreeChart (the one on Maven Central we checked) draws text through a {@code Graphics2D},
 * and JFreeSVG's {@code SVGGraphics2D} answers font metrics from an AWT {@code BufferedImage},
 * which needs fontconfig and system fonts that Lambda's Java runtime does not have.
 *
 * <p>Text goes through the JDK's {@link XMLStreamWriter}, which escapes it, so a customer or stage
 * name can never break the markup. Each bar is a {@code rect class="bar"} carrying its series,
 * category and written value as {@code data-} attributes, so tests and scripts read the chart
 * without parsing pixels.
 */
public final class SvgBarChart {

    static final String SVG_NS = "http://www.w3.org/2000/svg";
    static final int WIDTH = 800;
    static final int HEIGHT = 400;
    static final double PLOT_LEFT = 20;
    static final double PLOT_RIGHT = WIDTH - 20;
    static final double PLOT_TOP = 70;
    static final double PLOT_BOTTOM = HEIGHT - 60;
    private static final double GROUP_PADDING = 0.1;
    private static final List<String> PALETTE =
            List.of("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1");
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private SvgBarChart() {}

    /** The chart as an SVG document (UTF-8 text, with an XML declaration). */
    public static String render(BarChart chart) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter svg = XML.createXMLStreamWriter(text);
            svg.writeStartDocument("UTF-8", "1.0");
            svg.writeStartElement("svg");
            svg.writeDefaultNamespace(SVG_NS);
            svg.writeAttribute("width", Integer.toString(WIDTH));
            svg.writeAttribute("height", Integer.toString(HEIGHT));
            svg.writeAttribute("viewBox", "0 0 " + WIDTH + " " + HEIGHT);
            svg.writeAttribute("role", "img");
            svg.writeAttribute("font-family", "sans-serif");
            element(svg, "title", chart.title());
            heading(svg, chart);
            legend(svg, chart);
            new Plot(chart).write(svg);
            svg.writeEndElement();
            svg.writeEndDocument();
            svg.close();
        } catch (XMLStreamException unwritable) {
            // a StringWriter cannot fail; this would be a broken JDK, not bad data
            throw new IllegalStateException("SVG could not be written", unwritable);
        }
        return text.toString();
    }

    /** A value as the chart writes it: fen as yuan with two places, counts as they are. */
    public static String written(long value, BarChart.ValueFormat format) {
        return format == BarChart.ValueFormat.FEN_AS_YUAN
                ? Fen.format(value)
                : Long.toString(value);
    }

    private static void heading(XMLStreamWriter svg, BarChart chart) throws XMLStreamException {
        svg.writeStartElement("text");
        svg.writeAttribute("class", "title");
        svg.writeAttribute("x", number(WIDTH / 2.0));
        svg.writeAttribute("y", "24");
        svg.writeAttribute("text-anchor", "middle");
        svg.writeAttribute("font-size", "16");
        svg.writeCharacters(chart.title());
        svg.writeEndElement();
    }

    private static void legend(XMLStreamWriter svg, BarChart chart) throws XMLStreamException {
        double x = PLOT_LEFT;
        for (int s = 0; s < chart.series().size(); s++) {
            String name = chart.series().get(s).name();
            svg.writeEmptyElement("rect");
            svg.writeAttribute("class", "legend-swatch");
            svg.writeAttribute("x", number(x));
            svg.writeAttribute("y", "38");
            svg.writeAttribute("width", "12");
            svg.writeAttribute("height", "12");
            svg.writeAttribute("fill", colour(s));
            svg.writeStartElement("text");
            svg.writeAttribute("class", "legend");
            svg.writeAttribute("x", number(x + 16));
            svg.writeAttribute("y", "48");
            svg.writeAttribute("font-size", "12");
            svg.writeCharacters(name);
            svg.writeEndElement();
            // a generous fixed step per legend entry: names are short (calibers, "entered")
            x += 40 + 8.0 * name.length();
        }
    }

    /** The plot area: a zero line, the bars with their values, and the category labels. */
    private static final class Plot {

        private final BarChart chart;
        private final double top;
        private final double bottom;
        private final double groupWidth;
        private final double barWidth;

        Plot(BarChart chart) {
            this.chart = chart;
            List<Long> values = chart.allValues();
            this.top = Math.max(0, values.stream().mapToLong(Long::longValue).max().orElse(0));
            this.bottom = Math.min(0, values.stream().mapToLong(Long::longValue).min().orElse(0));
            this.groupWidth = (PLOT_RIGHT - PLOT_LEFT) / Math.max(1, chart.categories().size());
            this.barWidth = groupWidth * (1 - 2 * GROUP_PADDING) / chart.series().size();
        }

        void write(XMLStreamWriter svg) throws XMLStreamException {
            if (chart.categories().isEmpty()) {
                text(svg, "empty", WIDTH / 2.0, (PLOT_TOP + PLOT_BOTTOM) / 2, "no data");
                return;
            }
            svg.writeEmptyElement("line");
            svg.writeAttribute("class", "baseline");
            svg.writeAttribute("x1", number(PLOT_LEFT));
            svg.writeAttribute("x2", number(PLOT_RIGHT));
            svg.writeAttribute("y1", number(zeroY()));
            svg.writeAttribute("y2", number(zeroY()));
            svg.writeAttribute("stroke", "#999");
            for (int c = 0; c < chart.categories().size(); c++) {
                for (int s = 0; s < chart.series().size(); s++) {
                    bar(svg, c, s);
                }
                categoryLabel(svg, c);
            }
        }

        private void bar(XMLStreamWriter svg, int category, int series) throws XMLStreamException {
            BarChart.Series one = chart.series().get(series);
            long value = one.values().get(category);
            String written = written(value, chart.format());
            String categoryName = chart.categories().get(category);
            double x =
                    PLOT_LEFT
                            + category * groupWidth
                            + groupWidth * GROUP_PADDING
                            + series * barWidth;
            double height = Math.abs(value) * pixelsPerUnit();
            double y = value >= 0 ? zeroY() - height : zeroY();
            svg.writeStartElement("rect");
            svg.writeAttribute("class", "bar");
            svg.writeAttribute("data-series", one.name());
            svg.writeAttribute("data-category", categoryName);
            svg.writeAttribute("data-value", written);
            svg.writeAttribute("x", number(x));
            svg.writeAttribute("y", number(y));
            svg.writeAttribute("width", number(barWidth));
            svg.writeAttribute("height", number(height));
            svg.writeAttribute("fill", colour(series));
            element(svg, "title", one.name() + " " + categoryName + ": " + written);
            svg.writeEndElement();
            double labelY = value >= 0 ? y - 4 : y + height + 12;
            text(svg, "value", x + barWidth / 2, labelY, written);
        }

        private void categoryLabel(XMLStreamWriter svg, int category) throws XMLStreamException {
            double centre = PLOT_LEFT + (category + 0.5) * groupWidth;
            text(svg, "category", centre, PLOT_BOTTOM + 20, chart.categories().get(category));
            if (!chart.notes().isEmpty() && !chart.notes().get(category).isBlank()) {
                text(svg, "note", centre, PLOT_BOTTOM + 38, chart.notes().get(category));
            }
        }

        /** Pixels per unit of value; the whole range from the lowest to the highest fits. */
        private double pixelsPerUnit() {
            double range = top - bottom;
            return range == 0 ? 0 : (PLOT_BOTTOM - PLOT_TOP) / range;
        }

        private double zeroY() {
            return PLOT_TOP + top * pixelsPerUnit();
        }

        private static void text(
                XMLStreamWriter svg, String type, double x, double y, String content)
                throws XMLStreamException {
            svg.writeStartElement("text");
            svg.writeAttribute("class", type);
            svg.writeAttribute("x", number(x));
            svg.writeAttribute("y", number(y));
            svg.writeAttribute("text-anchor", "middle");
            svg.writeAttribute("font-size", "11");
            svg.writeCharacters(content);
            svg.writeEndElement();
        }
    }

    private static void element(XMLStreamWriter svg, String name, String content)
            throws XMLStreamException {
        svg.writeStartElement(name);
        svg.writeCharacters(content);
        svg.writeEndElement();
    }

    private static String colour(int series) {
        return PALETTE.get(series % PALETTE.size());
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
