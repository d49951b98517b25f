package org.opencrm.core.lead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.config.ReasonList.Reason;
import org.opencrm.core.error.FieldProblem;

class LeadDisqualifyReasonsTest {

    @Test
    void defaults_offerTheFiveReasonsTheIssueNames_eachWithALabel_andPassTheRules() {
        LeadDisqualifyReasons defaults = LeadDisqualifyReasons.defaults();

        assertEquals(
                List.of("NO_BUDGET", "NO_NEED", "UNREACHABLE", "DUPLICATE", "COMPETITOR"),
                defaults.ids());
        assertTrue(defaults.reasons().stream().noneMatch(reason -> reason.label().isBlank()));
        assertEquals(List.of(), LeadDisqualifyReasons.problems(defaults));
    }

    @Test
    void anEmptyList_isRefused_becauseNoLeadCouldBeDisqualified() {
        List<FieldProblem> problems =
                LeadDisqualifyReasons.problems(new LeadDisqualifyReasons(List.of()));

        assertEquals("value.reasons", problems.get(0).field());
        assertEquals("itemCount", problems.get(0).rule());
    }

    @Test
    void aLowerCaseId_aRepeatedId_andABlankLabel_areEachNamedByPath() {
        List<FieldProblem> problems =
                LeadDisqualifyReasons.problems(
                        new LeadDisqualifyReasons(
                                List.of(
                                        new Reason("no_budget", "No budget"),
                                        new Reason("NO_NEED", "No need"),
                                        new Reason("NO_NEED", " "))));

        assertEquals(
                List.of("value.reasons.0.id", "value.reasons.2.id", "value.reasons.2.label"),
                problems.stream().map(FieldProblem::field).toList());
        assertEquals(
                List.of("pattern", "unique", "length"),
                problems.stream().map(FieldProblem::rule).toList());
    }
}
