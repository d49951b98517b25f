package org.opencrm.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/** The contract's pure rules, without I/O. */
class ContractRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    private static Contract signed(long amountFen, ContractTotals totals) {
        return Contract.builder()
                .id("c1")
                .version(3)
                .number("HT-1")
                .customerId("cust-1")
                .amountFen(amountFen)
                .taxRateBasisPoints(1300)
                .signedAt(Instant.parse("2026-11-01T02:00:00Z"))
                .status(ContractStatus.SIGNED)
                .totals(totals)
                .createdAt(NOW)
                .build();
    }

    private static FieldProblem onlyProblem(ValidationException refused) {
        assertEquals(1, refused.problems().size(), refused.getMessage());
        return refused.problems().get(0);
    }

    /** The one problem for which the event is refused on the contract, today. */
    private static FieldProblem refusedEvent(
            Caliber caliber, MoneyEventInput event, Contract contract) {
        return onlyProblem(
                assertThrows(
                        ValidationException.class,
                        () -> ContractRules.forEvent(caliber, event, contract, TODAY)));
    }

    @Test
    void taxOf_isTheVatInsideTheAmount_roundedHalfUp_andAwayFromZeroForReversals() {
        // 113,000.00 at 13 %: 13,000.00 of it is tax, exactly
        assertEquals(1_300_000L, ContractRules.taxOf(11_300_000L, 1300));
        // at 100 % half of the amount is tax: 0.5 fen rounds up, -0.5 fen down (away from zero)
        assertEquals(1L, ContractRules.taxOf(1, 10_000));
        assertEquals(2L, ContractRules.taxOf(3, 10_000));
        assertEquals(-2L, ContractRules.taxOf(-3, 10_000));
        // 100.00 at 6 %: 5.6603... rounds to 5.66
        assertEquals(566L, ContractRules.taxOf(10_000, 600));
        assertEquals(0L, ContractRules.taxOf(10_000, 0));
    }

    @Test
    void taxOf_doesNotOverflow_atTheLargestAmount() {
        long largest = 99_999_999_999_999L;
        long tax = ContractRules.taxOf(largest, 3000);
        // 30 / 130 of the amount
        assertEquals(23_076_923_076_923L, tax);
    }

    @Test
    void taxRate_isADecimalStringOfAtMostFourPlaces_upTo30Percent() {
        assertEquals(1300, ContractRules.parseTaxRate("0.13"));
        assertEquals(925, ContractRules.parseTaxRate("0.0925"));
        assertEquals(0, ContractRules.parseTaxRate("0"));
        assertEquals("0.13", ContractRules.formatTaxRate(1300));
        assertEquals("0.0925", ContractRules.formatTaxRate(925));
        assertEquals("0", ContractRules.formatTaxRate(0));
        for (String bad : List.of("0.31", "13%", "0.12345", "1", "-0.13", "0.1e1")) {
            FieldProblem problem =
                    onlyProblem(
                            assertThrows(
                                    ValidationException.class,
                                    () -> ContractRules.parseTaxRate(bad),
                                    bad));
            assertEquals("taxRate", problem.field());
            assertEquals("taxRate", problem.rule());
            assertEquals("0.30", problem.limit());
        }
    }

    @Test
    void statusMachine_goesDraftApprovedSigned_andVoidsFromAnyOtherStatus() {
        assertTrue(ContractRules.allows(ContractStatus.DRAFT, ContractStatus.APPROVED));
        assertTrue(ContractRules.allows(ContractStatus.APPROVED, ContractStatus.SIGNED));
        assertFalse(ContractRules.allows(ContractStatus.DRAFT, ContractStatus.SIGNED));
        assertFalse(ContractRules.allows(ContractStatus.SIGNED, ContractStatus.APPROVED));
        for (ContractStatus from :
                List.of(ContractStatus.DRAFT, ContractStatus.APPROVED, ContractStatus.SIGNED)) {
            assertTrue(ContractRules.allows(from, ContractStatus.VOIDED), from.name());
        }
        assertFalse(ContractRules.allows(ContractStatus.VOIDED, ContractStatus.VOIDED));

        FieldProblem problem =
                onlyProblem(
                        assertThrows(
                                ValidationException.class,
                                () ->
                                        ContractRules.requireTransition(
                                                ContractStatus.DRAFT, ContractStatus.SIGNED)));
        assertEquals("status", problem.field());
        assertEquals("transition", problem.rule());
        assertEquals("APPROVED", problem.limit());
    }

    @Test
    void forCreate_reportsEveryBadField_withRuleAndLimit() {
        ContractInput bad =
                ContractInput.builder()
                        .number("HT 1!")
                        .customerId(" ")
                        .amount(-5L)
                        .taxRate("0.5")
                        .signedAt(NOW.plusSeconds(60))
                        .build();

        ValidationException refused =
                assertThrows(ValidationException.class, () -> ContractRules.forCreate(bad, NOW));

        List<String> fields = refused.problems().stream().map(FieldProblem::field).toList();
        assertEquals(List.of("number", "customerId", "amount", "taxRate", "signedAt"), fields);
        assertEquals("pattern", refused.problems().get(0).rule());
        assertEquals("0.01", refused.problems().get(2).limit());
        assertEquals("notInFuture", refused.problems().get(4).rule());
    }

    @Test
    void forCreate_normalisesTheNumber_andTakesTheRateAsBasisPoints() {
        ContractRules.NewContract checked =
                ContractRules.forCreate(
                        ContractInput.builder()
                                .number(" ht-2026/001 ")
                                .customerId("cust-1")
                                .amount(100L)
                                .taxRate("0.09")
                                .build(),
                        NOW);

        assertEquals("HT-2026/001", checked.number());
        assertEquals(900, checked.taxRateBasisPoints());
        assertEquals(100L, checked.amountFen());
    }

    @Test
    void forEvent_keepsTheCumulativeTotalAtOrBelowTheContractAmount_namingWhatIsLeft() {
        Contract contract = signed(100_000L, new ContractTotals(100_000L, 60_000L, 0, 0));

        FieldProblem problem =
                refusedEvent(Caliber.SHIPPED, MoneyEventInput.of("2026-11-20", 40_001L), contract);

        assertEquals("amount", problem.field());
        assertEquals("maxCumulative", problem.rule());
        assertEquals("400.00", problem.limit());
        // exactly the rest is fine
        ContractRules.CheckedEvent rest =
                ContractRules.forEvent(
                        Caliber.SHIPPED,
                        MoneyEventInput.of("2026-11-20", 40_000L),
                        contract,
                        TODAY);
        assertEquals(FactKind.SHIPMENT, rest.kind());
    }

    @Test
    void forEvent_aReversalTakesBackAtMostWhatWasCounted_andIsTheCalibersReversalKind() {
        Contract contract = signed(100_000L, new ContractTotals(100_000L, 60_000L, 0, 5_000L));

        FieldProblem problem =
                refusedEvent(
                        Caliber.COLLECTED, MoneyEventInput.of("2026-11-20", -5_001L), contract);
        assertEquals("minCumulative", problem.rule());
        assertEquals("-50.00", problem.limit());

        ContractRules.CheckedEvent returned =
                ContractRules.forEvent(
                        Caliber.SHIPPED,
                        MoneyEventInput.of("2026-11-20", -11_300L),
                        contract,
                        TODAY);
        assertEquals(FactKind.RETURN, returned.kind());
        assertEquals(-11_300L, returned.amountFen());
        assertEquals(-1_300L, returned.taxFen());
    }

    @Test
    void forEvent_anInvoiceNeedsANumberAndAType_andItsGivenTaxMayNotExceedTheAmount() {
        Contract contract = signed(100_000L, new ContractTotals(100_000L, 0, 0, 0));

        ValidationException refused =
                assertThrows(
                        ValidationException.class,
                        () ->
                                ContractRules.forEvent(
                                        Caliber.INVOICED,
                                        new MoneyEventInput(
                                                "2026-11-20", 1_000L, "12ab", null, 2_000L),
                                        contract,
                                        TODAY));

        List<String> rules =
                refused.problems().stream().map(p -> p.field() + ":" + p.rule()).toList();
        assertEquals(List.of("number:pattern", "type:required", "tax:taxWithinAmount"), rules);

        ContractRules.CheckedEvent creditNote =
                ContractRules.forEvent(
                        Caliber.INVOICED,
                        new MoneyEventInput(
                                "2026-11-20", -1_130L, "044001900111", InvoiceType.SPECIAL, null),
                        contract.toBuilder()
                                .totals(new ContractTotals(100_000L, 0, 5_000L, 0))
                                .build(),
                        TODAY);
        assertEquals(FactKind.CREDIT_NOTE, creditNote.kind());
        assertEquals(-130L, creditNote.taxFen());
        assertEquals("044001900111", creditNote.reference());
        assertEquals(InvoiceType.SPECIAL, creditNote.invoiceType());
    }

    @Test
    void forEvent_isRefusedOnAContractNotSigned_andOutsideTheSigningDayToToday() {
        Contract draft =
                signed(100_000L, ContractTotals.NONE).toBuilder()
                        .status(ContractStatus.DRAFT)
                        .signedAt(null)
                        .build();
        FieldProblem notSigned =
                refusedEvent(Caliber.SHIPPED, MoneyEventInput.of("2026-11-20", 1L), draft);
        assertEquals("contractId", notSigned.field());
        assertEquals("SIGNED", notSigned.limit());

        Contract contract = signed(100_000L, new ContractTotals(100_000L, 0, 0, 0));
        FieldProblem early =
                refusedEvent(Caliber.SHIPPED, MoneyEventInput.of("2026-10-31", 1L), contract);
        assertEquals("notBeforeSigning", early.rule());
        assertEquals("2026-11-01", early.limit());
        FieldProblem late =
                refusedEvent(Caliber.SHIPPED, MoneyEventInput.of("2026-12-01", 1L), contract);
        assertEquals("notInFuture", late.rule());
        FieldProblem zero =
                refusedEvent(Caliber.SHIPPED, MoneyEventInput.of("2026-11-20", 0L), contract);
        assertEquals("nonZero", zero.rule());
    }

    @Test
    void businessDate_isTheDayInShanghai() {
        // 17:00 UTC on the 30th is 01:00 on 1 December in Shanghai
        assertEquals(
                LocalDate.of(2026, 12, 1),
                ContractRules.businessDate(Instant.parse("2026-11-30T17:00:00Z")));
    }
}
