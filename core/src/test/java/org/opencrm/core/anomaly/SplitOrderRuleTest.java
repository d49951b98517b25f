package org.opencrm.core.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencrm.core.contract.FactKind;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.error.FieldProblem;

/** R-22's rule without I/O: windows, voids and the thresholds at their boundaries. */
class SplitOrderRuleTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 2);
    private static final SplitOrderRules DEFAULTS = SplitOrderRules.defaults();

    private static MoneyFact fact(String contractId, FactKind kind, LocalDate date, long fen) {
        return MoneyFact.builder()
                .factId(contractId + ":" + kind)
                .contractId(contractId)
                .contractNumber("HT-" + contractId)
                .customerId("c1")
                .kind(kind)
                .date(date)
                .amountFen(fen)
                .recordedAt(Instant.parse("2026-11-02T00:00:00Z"))
                .build();
    }

    private static MoneyFact signing(String contractId, int day, long yuan) {
        return fact(contractId, FactKind.SIGNING, MONDAY.plusDays(day), yuan * 100);
    }

    private static List<String> groupIdsOf(String contractId, List<MoneyFact> facts) {
        return SplitOrderRule.groupOf(contractId, facts, DEFAULTS)
                .map(SplitGroup::contractIds)
                .orElse(List.of());
    }

    @Test
    void threeContractsWithinSevenDays_above500k_formOneGroup_withTheirTotalAndDates() {
        List<MoneyFact> facts =
                List.of(
                        signing("a", 0, 200_000),
                        signing("b", 2, 200_000),
                        signing("c", 6, 200_000));

        Optional<SplitGroup> group = SplitOrderRule.groupOf("c", facts, DEFAULTS);

        assertEquals(List.of("a", "b", "c"), group.orElseThrow().contractIds());
        assertEquals(60_000_000L, group.get().totalFen());
        assertEquals(MONDAY, group.get().from());
        assertEquals(MONDAY.plusDays(6), group.get().to());
    }

    @Test
    void exactly500k_isNotAbove500k_andOneFenMoreIs() {
        List<MoneyFact> exactly =
                List.of(
                        signing("a", 0, 200_000),
                        signing("b", 1, 200_000),
                        fact("c", FactKind.SIGNING, MONDAY.plusDays(2), 100_000_00L));
        List<MoneyFact> oneFenMore =
                List.of(
                        signing("a", 0, 200_000),
                        signing("b", 1, 200_000),
                        fact("c", FactKind.SIGNING, MONDAY.plusDays(2), 100_000_01L));

        assertEquals(List.of(), groupIdsOf("a", exactly));
        assertEquals(List.of("a", "b", "c"), groupIdsOf("a", oneFenMore));
    }

    @Test
    void aSigningOnTheSeventhDayAfterTheFirst_isOutsideTheWindow() {
        // day 0 and day 7 lie 7 days apart: not within a 7-day window (day 0 to day 6)
        List<MoneyFact> facts =
                List.of(
                        signing("a", 0, 300_000),
                        signing("b", 3, 300_000),
                        signing("c", 7, 300_000));

        assertEquals(List.of(), groupIdsOf("a", facts));
        assertEquals(List.of(), groupIdsOf("c", facts));
    }

    @Test
    void twoContracts_areNoGroup_howeverLarge() {
        List<MoneyFact> facts = List.of(signing("a", 0, 9_000_000), signing("b", 1, 9_000_000));

        assertEquals(List.of(), groupIdsOf("a", facts));
    }

    @Test
    void aVoidedContract_doesNotCount() {
        List<MoneyFact> facts =
                new ArrayList<>(
                        List.of(
                                signing("a", 0, 250_000),
                                signing("b", 1, 250_000),
                                signing("c", 2, 250_000)));
        assertEquals(List.of("a", "b", "c"), groupIdsOf("a", facts));

        // WHEN b is voided (a negative fact dated weeks later)
        facts.add(fact("b", FactKind.VOIDING, MONDAY.plusDays(30), -250_000_00L));

        // THEN two contracts remain, no group
        assertEquals(List.of(), groupIdsOf("a", facts));
        assertEquals(List.of(), groupIdsOf("b", facts));
    }

    @Test
    void theSameFactListedTwice_countsOnce() {
        MoneyFact big = signing("a", 0, 400_000);
        List<MoneyFact> facts = List.of(big, big, signing("b", 1, 50_000), signing("c", 2, 50_000));

        // 400k + 50k + 50k is exactly 500k: counted twice it would cross
        assertEquals(List.of(), groupIdsOf("a", facts));
    }

    @Test
    void otherCalibers_areIgnored() {
        List<MoneyFact> facts =
                List.of(
                        signing("a", 0, 100_000),
                        signing("b", 1, 100_000),
                        signing("c", 2, 100_000),
                        fact("a", FactKind.SHIPMENT, MONDAY.plusDays(3), 900_000_00L));

        assertEquals(List.of(), groupIdsOf("a", facts));
    }

    @Test
    void theGroup_isTheEarliestOpeningWindow_whicheverMemberAsks() {
        // a..d within days 0..6, e on day 8: the window opening at a holds a, b, c, d
        List<MoneyFact> facts =
                List.of(
                        signing("a", 0, 200_000),
                        signing("b", 1, 200_000),
                        signing("c", 5, 200_000),
                        signing("d", 6, 200_000),
                        signing("e", 8, 200_000));

        List<String> expected = List.of("a", "b", "c", "d");
        for (String member : List.of("a", "b", "c", "d")) {
            assertEquals(expected, groupIdsOf(member, facts), member);
        }
        // e only shares windows opening at c (c, d, e: 600k), later than a's
        assertEquals(List.of("c", "d", "e"), groupIdsOf("e", facts));
    }

    @Test
    void rulesOff_raiseNothing() {
        SplitOrderRules off = new SplitOrderRules(false, 3, 7, 500_000_00L);
        List<MoneyFact> facts =
                List.of(
                        signing("a", 0, 300_000),
                        signing("b", 1, 300_000),
                        signing("c", 2, 300_000));

        assertTrue(SplitOrderRule.groupOf("a", facts, off).isEmpty());
    }

    @Test
    void configuredThresholds_apply() {
        SplitOrderRules stricter = new SplitOrderRules(true, 2, 3, 100_000_00L);
        List<MoneyFact> facts = List.of(signing("a", 0, 60_000), signing("b", 2, 60_000));

        assertEquals(
                List.of("a", "b"),
                SplitOrderRule.groupOf("b", facts, stricter).orElseThrow().contractIds());
    }

    @Test
    void rules_refuseOutOfRangeSettings_namingTheSettingAndLimit() {
        List<FieldProblem> problems = SplitOrderRules.problems(new SplitOrderRules(true, 1, 0, -1));

        assertEquals(
                List.of("value.minContracts", "value.windowDays", "value.thresholdFen"),
                problems.stream().map(FieldProblem::field).toList());
        assertEquals(
                List.of("range", "range", "range"),
                problems.stream().map(FieldProblem::rule).toList());
        assertEquals(List.of(2L, 1L, 0L), problems.stream().map(FieldProblem::limit).toList());
        assertEquals(List.of(), SplitOrderRules.problems(DEFAULTS));
    }
}
