package org.opencrm.core.lead;

import java.util.List;
import java.util.Optional;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.config.ReasonList;
import org.opencrm.core.config.ReasonList.Reason;
import org.opencrm.core.error.FieldProblem;

/**
 * Why a lead may be disqualified: run-time configuration {@code leadDisqualifyReasons}, versioned
 * and rolled back like every other. {@code disqualifyLead} takes one of these ids, so the
 * reports can count leads lost per reason instead of reading free text.
 *
 * @param reasons the reasons in the order a picker shows them
 */
public record LeadDisqualifyReasons(List<Reason> reasons) {

    public static final String NAME = "leadDisqualifyReasons";

    public LeadDisqualifyReasons {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public static final ConfigDefinition<LeadDisqualifyReasons> DEFINITION =
            new ConfigDefinition<>(
                    NAME, LeadDisqualifyReasons.class, defaults(), LeadDisqualifyReasons::problems);

    public Optional<Reason> find(String id) {
        return reasons.stream().filter(reason -> reason.id().equals(id)).findFirst();
    }

    public List<String> ids() {
        return reasons.stream().map(Reason::id).toList();
    }

    static LeadDisqualifyReasons defaults() {
        return new LeadDisqualifyReasons(
                List.of(
                        new Reason("NO_BUDGET", "No budget"),
                        new Reason("NO_NEED", "No need"),
                        new Reason("UNREACHABLE", "Unreachable"),
                        new Reason("DUPLICATE", "Duplicate of another lead or customer"),
                        new Reason("COMPETITOR", "Went with a competitor")));
    }

    static List<FieldProblem> problems(LeadDisqualifyReasons value) {
        return ReasonList.problems("value.reasons", value.reasons());
    }
}
