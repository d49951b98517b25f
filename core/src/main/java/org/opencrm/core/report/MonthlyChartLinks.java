package org.opencrm.core.report;

import java.net.URI;
import java.time.YearMonth;
import java.util.Optional;

/**
 * The link the monthly caliber-difference message carries to the calibers-by-month chart (issue 16
 * item 7), drawn as the message's recipient so it never shows more than they may see.
 */
@FunctionalInterface
public interface MonthlyChartLinks {

    /** Empty where the deployment does not know its API's public address. */
    Optional<URI> link(YearMonth month, String viewerId);

    /** For a deployment without a public API address: the message says the chart is not linked. */
    static MonthlyChartLinks unlinked() {
        return (month, viewerId) -> Optional.empty();
    }
}
