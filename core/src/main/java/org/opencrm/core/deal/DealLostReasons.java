package org.opencrm.core.deal;

import java.util.List;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.config.ReasonList;
import org.opencrm.core.config.ReasonList.Reason;
import org.opencrm.core.error.FieldProblem;

/**
 * Why a deal may be lost: run-time configuration {@code dealLostReasons}, versioned and rolled back
 * like every other. A move to LOST names one of these ids, so lost deals can be counted per
 * reason and per stage they died in.
 *
 * @param reasons the reasons in the order a picker shows them
 */
public record DealLostReasons(List<Reason> reasons) {

    public static final String NAME = "dealLostReasons";

    public DealLostReasons {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public static final ConfigDefinition<DealLostReasons> DEFINITION =
            new ConfigDefinition<>(
                    NAME, DealLostReasons.class, defaults(), DealLostReasons::problems);

    public List<String> ids() {
        return reasons.stream().map(Reason::id).toList();
    }

    static DealLostReasons defaults() {
        return new DealLostReasons(
                List.of(
                        new Reason("PRICE", "Price too high"),
                        new Reason("COMPETITOR", "Went with a competitor"),
                        new Reason("NO_BUDGET", "No budget"),
                        new Reason("NO_DECISION", "No decision / project stopped"),
                        new Reason("PRODUCT_FIT", "Product does not fit"),
                        new Reason("UNRESPONSIVE", "Customer stopped responding")));
    }

    static List<FieldProblem> problems(DealLostReasons value) {
        return ReasonList.problems("value.reasons", value.reasons());
    }
}
