package org.opencrm.core.chart;

import java.time.YearMonth;
import java.util.Objects;
import org.opencrm.core.contract.Caliber;

/**
 * One caliber's total of one month, in fen (incl. tax, reversals netted), as a revenue source
 * answers it.
 */
public record MonthlyAmount(YearMonth month, Caliber caliber, long amountFen) {

    public MonthlyAmount {
        Objects.requireNonNull(month, "month");
        Objects.requireNonNull(caliber, "caliber");
    }
}
