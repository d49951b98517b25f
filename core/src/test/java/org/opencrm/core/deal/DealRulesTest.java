package org.opencrm.core.deal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.ValidationException;

/** The deal's field and snooze rules, pure. */
class DealRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

    private static List<String> refusals(Runnable check) {
        return assertThrows(ValidationException.class, check::run).problems().stream()
                .map(problem -> problem.field() + ":" + problem.rule())
                .toList();
    }

    @Test
    void forCreate_needsACustomerAndATitle() {
        assertEquals(
                List.of("customerId:required", "title:required"),
                refusals(() -> DealRules.forCreate(DealInput.builder().title(" ").build(), TODAY)));
    }

    @Test
    void forCreate_stripsText_andKeepsTheBoundaries() {
        DealInput input =
                DealInput.builder()
                        .customerId(" c1 ")
                        .title(" ERP ")
                        .amount(0L)
                        .expectedCloseDate(TODAY.plusYears(DealRules.MAX_CLOSE_YEARS_AHEAD))
                        .grossMarginPercent(100)
                        .nextStep(" call back ")
                        .build();

        DealInput checked = DealRules.forCreate(input, TODAY);

        assertEquals("c1", checked.customerId());
        assertEquals("ERP", checked.title());
        assertEquals("call back", checked.nextStep());
        assertEquals(0L, checked.amount());
        assertEquals(100, checked.grossMarginPercent());
    }

    @Test
    void forCreate_refusesACloseDateTooFarAhead_andAMarginBelowZero() {
        DealInput input =
                DealInput.builder()
                        .customerId("c1")
                        .title("ERP")
                        .expectedCloseDate(
                                TODAY.plusYears(DealRules.MAX_CLOSE_YEARS_AHEAD).plusDays(1))
                        .grossMarginPercent(-1)
                        .build();

        assertEquals(
                List.of("grossMarginPercent:range", "expectedCloseDate:range"),
                refusals(() -> DealRules.forCreate(input, TODAY)));
    }

    @Test
    void forUpdate_refusesMovingTheDealToAnotherCustomer_andABlankTitle() {
        assertEquals(
                List.of("customerId:immutable", "title:required"),
                refusals(
                        () ->
                                DealRules.forUpdate(
                                        DealInput.builder().customerId("c2").title(" ").build(),
                                        TODAY)));
    }

    @Test
    void note_isOptional_butBounded() {
        assertEquals(null, DealRules.note("   "));
        assertEquals("ok", DealRules.note(" ok "));
        assertEquals(
                List.of("note:maxLength"),
                refusals(() -> DealRules.note("x".repeat(DealRules.MAX_NOTE + 1))));
    }

    @Test
    void snooze_acceptsExactlyTheLongestSnooze_andRefusesOneSecondMore() {
        Instant longest = NOW.plus(Duration.ofDays(DealRules.MAX_SNOOZE_DAYS));

        assertEquals("trip", DealRules.snooze(longest, " trip ", NOW));
        assertEquals(
                List.of("until:maxDaysAhead"),
                refusals(() -> DealRules.snooze(longest.plusSeconds(1), "trip", NOW)));
        assertEquals(
                List.of("until:future", "reason:required"),
                refusals(() -> DealRules.snooze(NOW, null, NOW)));
    }
}
