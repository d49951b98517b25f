package org.opencrm.core.chart;

import java.util.Map;
import org.opencrm.core.error.CrmException;
import org.opencrm.core.error.ErrorCode;

/**
 * A chart this deployment cannot draw because nothing supplies its numbers (no revenue source is
 * wired): the caller's request is fine, the chart is not there, so NOT_FOUND with the reason.
 */
public final class ChartUnavailableException extends CrmException {

    private final ChartKind chart;

    public ChartUnavailableException(ChartKind chart, String message) {
        super(message);
        this.chart = chart;
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.NOT_FOUND;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("chart", chart.fileName(), "reason", "noSource");
    }
}
