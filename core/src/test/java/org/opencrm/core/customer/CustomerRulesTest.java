package org.opencrm.core.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

class CustomerRulesTest {

    private static CustomerInput input(String name, String phone, String email, String wechatId, String remark) {
        return new CustomerInput(name, phone, email, wechatId, null, remark, null);
    }

    @Test
    void forCreate_acceptsNameAndOneContact_andDefaultsStageToNew() {
        CustomerFields fields = CustomerRules.forCreate(input("  Li Lei ", null, null, "lilei_88", null));

        assertEquals("Li Lei", fields.name());
        assertEquals("lilei_88", fields.wechatId());
        assertEquals(CustomerStage.NEW, fields.stage());
    }

    @Test
    void forCreate_normalisesPhoneAndEmail() {
        CustomerFields fields = CustomerRules.forCreate(input("Han Meimei", "+86 138-1234-5678", "Han@Example.COM", null, null));

        assertEquals("+8613812345678", fields.phone());
        assertEquals("han@example.com", fields.email());
    }

    @Test
    void forCreate_namesFieldRuleAndLimit_whenRemarkIsTooLong() {
        ValidationException error = assertThrows(ValidationException.class,
                () -> CustomerRules.forCreate(input("Li Lei", "13812345678", null, null, "x".repeat(2417))));

        FieldProblem problem = error.problems().get(0);
        assertEquals("remark", problem.field());
        assertEquals("maxLength", problem.rule());
        assertEquals(2000, problem.limit());
        assertEquals("remark: at most 2000 characters, got 2417", problem.describe());
    }

    @Test
    void forCreate_reportsEveryBadField_notJustTheFirst() {
        ValidationException error = assertThrows(ValidationException.class,
                () -> CustomerRules.forCreate(input("", "138****1234", "not-an-email", "1bad", null)));

        List<String> fields = error.problems().stream().map(FieldProblem::field).toList();
        assertEquals(List.of("name", "phone", "email", "wechatId"), fields);
    }

    @Test
    void forCreate_requiresOneContact() {
        ValidationException error = assertThrows(ValidationException.class,
                () -> CustomerRules.forCreate(input("Li Lei", null, null, null, null)));

        assertEquals("oneContactRequired", error.problems().get(0).rule());
    }

    @Test
    void forUpdate_keepsUnsentFields_andClearsFieldsSentEmpty() {
        CustomerFields current = CustomerRules.forCreate(input("Li Lei", "13812345678", "li@example.com", null, "first call"));

        CustomerFields updated = CustomerRules.forUpdate(current,
                new CustomerInput(null, null, "", null, CustomerStage.CONTACTED, null, null));

        assertEquals("Li Lei", updated.name());
        assertEquals("+8613812345678", updated.phone());
        assertNull(updated.email());
        assertEquals("first call", updated.remark());
        assertEquals(CustomerStage.CONTACTED, updated.stage());
    }

    @Test
    void forUpdate_refusesRemovingTheLastContact() {
        CustomerFields current = CustomerRules.forCreate(input("Li Lei", "13812345678", null, null, null));

        ValidationException error = assertThrows(ValidationException.class,
                () -> CustomerRules.forUpdate(current, new CustomerInput(null, "", null, null, null, null, null)));

        assertEquals("oneContactRequired", error.problems().get(0).rule());
    }
}
