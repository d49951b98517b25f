package org.opencrm.core.chart;

import java.util.Arrays;
import java.util.Optional;

/** The charts the API serves, by the file name their route ends in. */
public enum ChartKind {
    FUNNEL("funnel.svg"),
    REVENUE("revenue.svg");

    private final String fileName;

    ChartKind(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    public static Optional<ChartKind> byFileName(String fileName) {
        return Arrays.stream(values()).filter(kind -> kind.fileName.equals(fileName)).findFirst();
    }
}
