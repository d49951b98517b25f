package org.opencrm.core.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A grouped bar chart as data, independent of where its numbers come from: per category (a month, a
 * funnel stage) one bar per series (a caliber, "entered"). The renderer ({@link SvgBarChart}) knows
 * nothing about revenue or deals, so another source plugs in without touching it.
 *
 * @param title the chart's heading
 * @param categories the groups along the x axis, left to right
 * @param series the bars of each group, one value per category each
 * @param format how values are written (fen as yuan, or plain counts)
 * @param notes per category a short line under its label (e.g. a conversion rate); empty, or one
 *     per category (blank for none)
 */
public record BarChart(
        String title,
        List<String> categories,
        List<Series> series,
        ValueFormat format,
        List<String> notes) {

    /** One series: its name (the legend) and one value per category. */
    public record Series(String name, List<Long> values) {
        public Series {
            Objects.requireNonNull(name, "name");
            values = List.copyOf(values);
        }
    }

    /** How a value is written on the chart. */
    public enum ValueFormat {
        /** An amount in fen written as yuan with two places, e.g. 12345.60. */
        FEN_AS_YUAN,
        /** A plain count. */
        COUNT
    }

    public BarChart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(format, "format");
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        notes = List.copyOf(notes);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("a bar chart needs at least one series");
        }
        for (Series one : series) {
            if (one.values().size() != categories.size()) {
                throw new IllegalArgumentException(
                        "series "
                                + one.name()
                                + " has "
                                + one.values().size()
                                + " values for "
                                + categories.size()
                                + " categories");
            }
        }
        if (!notes.isEmpty() && notes.size() != categories.size()) {
            throw new IllegalArgumentException(
                    notes.size() + " notes for " + categories.size() + " categories");
        }
    }

    /** A chart without notes under the categories. */
    public static BarChart of(
            String title, List<String> categories, List<Series> series, ValueFormat format) {
        return new BarChart(title, categories, series, format, List.of());
    }

    /** Every value of every series, for the scale. */
    List<Long> allValues() {
        List<Long> values = new ArrayList<>();
        series.forEach(one -> values.addAll(one.values()));
        return values;
    }
}
