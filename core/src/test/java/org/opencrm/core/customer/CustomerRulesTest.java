package org.opencrm.core.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

class CustomerRulesTest {

    private static CustomerInput input(
            String name, String phone, String email, String wechatId, String remark) {
        return CustomerInput.builder()
                .name(name)
                .phone(phone)
                .email(email)
                .wechatId(wechatId)
                .remark(remark)
                .build();
    }

    @Test
    void forCreate_acceptsNameAndOneContact_andDefaultsStageToNew() {
        CustomerFields fields =
                CustomerRules.forCreate(input("  Li Lei ", null, null, "lilei_88", null));

        assertEquals("Li Lei", fields.name());
        assertEquals("lilei_88", fields.wechatId());
        assertEquals(CustomerStage.NEW, fields.stage());
    }

    @Test
    void forCreate_normalisesPhoneAndEmail() {
        CustomerFields fields =
                CustomerRules.forCreate(
                        input("Han Meimei", "+86 138-1234-5678", "Han@Example.COM", null, null));

        assertEquals("+8613812345678", fields.phone());
        assertEquals("han@example.com", fields.email());
    }

    @Test
    void forCreate_namesFieldRuleAndLimit_whenRemarkIsTooLong() {
        ValidationException error =
                assertThrows(
                        ValidationException.class,
                        () ->
                                CustomerRules.forCreate(
                                        input(
                                                "Li Lei",
                                                "13812345678",
                                                null,
                                                null,
                                                "x".repeat(2417))));

        FieldProblem problem = error.problems().get(0);
        assertEquals("remark", problem.field());
        assertEquals("maxLength", problem.rule());
        assertEquals(2000, problem.limit());
        assertEquals("remark: at most 2000 characters, got 2417", problem.describe());
    }

    @Test
    void forCreate_reportsEveryBadField_notJustTheFirst() {
        ValidationException error =
                assertThrows(
                        ValidationException.class,
                        () ->
                                CustomerRules.forCreate(
                                        input("", "138****1234", "not-an-email", "1bad", null)));

        List<String> fields = error.problems().stream().map(FieldProblem::field).toList();
        assertEquals(List.of("name", "phone", "email", "wechatId"), fields);
    }

    @Test
    void forCreate_requiresOneContact() {
        ValidationException error =
                assertThrows(
                        ValidationException.class,
                        () -> CustomerRules.forCreate(input("Li Lei", null, null, null, null)));

        assertEquals("oneContactRequired", error.problems().get(0).rule());
    }

    @Test
    void forUpdate_keepsUnsentFields_andClearsFieldsSentEmpty() {
        CustomerFields current =
                CustomerRules.forCreate(
                        input("Li Lei", "13812345678", "li@example.com", null, "first call"));

        CustomerFields updated =
                CustomerRules.forUpdate(
                        current, CustomerInput.builder().email("").remark("second call").build());

        assertEquals("Li Lei", updated.name());
        assertEquals("+8613812345678", updated.phone());
        assertNull(updated.email());
        assertEquals("second call", updated.remark());
        assertEquals(CustomerStage.NEW, updated.stage());
    }

    @Test
    void stage_isRefusedOnCreateAndUpdate_becauseItIsDerivedFromDeals() {
        CustomerFields current =
                CustomerRules.forCreate(input("Li Lei", "13812345678", null, null, null));
        CustomerInput settingStage = CustomerInput.builder().stage(CustomerStage.SIGNED).build();
        CustomerInput creatingAtStage =
                CustomerInput.builder()
                        .name("Li Lei")
                        .phone("13812345678")
                        .stage(CustomerStage.SIGNED)
                        .build();

        ValidationException onUpdate =
                assertThrows(
                        ValidationException.class,
                        () -> CustomerRules.forUpdate(current, settingStage));
        ValidationException onCreate =
                assertThrows(
                        ValidationException.class, () -> CustomerRules.forCreate(creatingAtStage));

        for (ValidationException refused : List.of(onUpdate, onCreate)) {
            assertEquals(1, refused.problems().size());
            assertEquals("stage", refused.problems().get(0).field());
            assertEquals("derivedFromDeals", refused.problems().get(0).rule());
        }
    }

    @Test
    void forUpdate_refusesRemovingTheLastContact() {
        CustomerFields current =
                CustomerRules.forCreate(input("Li Lei", "13812345678", null, null, null));

        ValidationException error =
                assertThrows(
                        ValidationException.class,
                        () ->
                                CustomerRules.forUpdate(
                                        current, CustomerInput.builder().phone("").build()));

        assertEquals("oneContactRequired", error.problems().get(0).rule());
    }

    // ------------------------------------------------------------------ national id (GB 11643) and
    // amounts

    private static final int[] GB11643_WEIGHTS = {
        7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
    };

    /**
     * The GB 11643 check character of 17 digits: weighted sum mod 11 mapped onto 1 0 X 9 8 7 6 5 4
     * 3 2.
     */
    private static char checkDigit(String seventeenDigits) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += Character.digit(seventeenDigits.charAt(i), 10) * GB11643_WEIGHTS[i];
        }
        return "10X98765432".charAt(sum % 11);
    }

    private static CustomerInput withNationalId(String nationalId) {
        return CustomerInput.builder()
                .name("Li Lei")
                .phone("13812345678")
                .nationalId(nationalId)
                .build();
    }

    private static CustomerInput withAmounts(String expected, String contract) {
        return CustomerInput.builder()
                .name("Li Lei")
                .phone("13812345678")
                .expectedDealAmount(expected == null ? null : new BigDecimal(expected))
                .contractAmount(contract == null ? null : new BigDecimal(contract))
                .build();
    }

    private static FieldProblem onlyProblem(CustomerInput input) {
        ValidationException error =
                assertThrows(ValidationException.class, () -> CustomerRules.forCreate(input));
        assertEquals(1, error.problems().size(), error.getMessage());
        return error.problems().get(0);
    }

    @Test
    void forCreate_acceptsTheWellKnownSampleNationalId_endingInX() {
        // GIVEN the published sample id 11010519491231002X (check character X)
        // WHEN it is checked
        CustomerFields fields = CustomerRules.forCreate(withNationalId("11010519491231002X"));

        // THEN it is accepted as is
        assertEquals("11010519491231002X", fields.nationalId());
    }

    @Test
    void forCreate_acceptsANationalIdWhoseCheckDigitIsComputedHere() {
        // GIVEN 17 digits and the check digit computed in this test with the GB 11643 weights
        String body = "44030419900307123";
        String id = body + checkDigit(body);

        // WHEN / THEN it is accepted
        assertEquals(id, CustomerRules.forCreate(withNationalId(id)).nationalId());
    }

    @Test
    void forCreate_refusesANationalIdWithTheWrongCheckDigit_withRuleCheckDigit() {
        // GIVEN a valid id whose last character is replaced by another valid-looking one
        String body = "44030419900307123";
        char right = checkDigit(body);
        char wrong = right == '0' ? '1' : '0';
        assertNotEquals(right, wrong);

        // WHEN it is checked
        FieldProblem problem = onlyProblem(withNationalId(body + wrong));

        // THEN it is refused on nationalId by the check-digit rule
        assertEquals("nationalId", problem.field());
        assertEquals("checkDigit", problem.rule());
    }

    @Test
    void forCreate_refusesAnAmountWithMoreThanTwoDecimals_withRuleScale() {
        // GIVEN an expected deal amount in thousandths of a yuan
        // WHEN it is checked
        FieldProblem problem = onlyProblem(withAmounts("1999.995", null));

        // THEN it is refused on that field by the scale rule (amounts are in fen)
        assertEquals("expectedDealAmount", problem.field());
        assertEquals("scale", problem.rule());
    }

    @Test
    void forCreate_refusesANegativeAmount_withRuleRange() {
        // GIVEN a negative contract amount
        // WHEN it is checked
        FieldProblem problem = onlyProblem(withAmounts(null, "-0.01"));

        // THEN it is refused on that field by the range rule
        assertEquals("contractAmount", problem.field());
        assertEquals("range", problem.rule());
    }

    @Test
    void forCreate_acceptsAmountsWithUpToTwoDecimals() {
        // GIVEN amounts in yuan and fen
        CustomerFields fields = CustomerRules.forCreate(withAmounts("1999.99", "0"));

        // THEN they are kept with their value
        assertEquals(0, new BigDecimal("1999.99").compareTo(fields.expectedDealAmount()));
        assertEquals(0, BigDecimal.ZERO.compareTo(fields.contractAmount()));
    }
}
