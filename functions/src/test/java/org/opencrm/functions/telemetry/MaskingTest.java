package org.opencrm.functions.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void mask_hidesTheMiddleOfAnE164Phone() {
        assertEquals("+86138****5678", Masking.mask("+8613812345678"));
    }

    @Test
    void mask_hidesTheMiddleOfAChineseMobile_writtenWithSeparators() {
        assertEquals(
                "call 138****5678 or +86138****5678 today",
                Masking.mask("call 138 1234 5678 or +86 138-1234-5678 today"));
    }

    @Test
    void mask_hidesTheBirthDateAndSequenceOfA18CharacterNationalId() {
        assertEquals("id 110105********123X.", Masking.mask("id 11010519900307123X."));
        assertEquals("110105********1234", Masking.mask("110105199003071234"));
    }

    @Test
    void mask_hidesAPhoneInsideAnErrorMessage() {
        assertEquals(
                "phone: must be a valid phone number, got +86138****5678",
                Masking.mask("phone: must be a valid phone number, got +8613812345678"));
    }

    @Test
    void mask_leavesShortNumbersDatesAndNamesAlone() {
        String text = "createCustomer at 2026-11-30T10:00:00Z, first 20, code 123456, Wang Fang";
        assertEquals(text, Masking.mask(text));
    }

    @Test
    void mask_keepsNull() {
        assertNull(Masking.mask(null));
    }
}
