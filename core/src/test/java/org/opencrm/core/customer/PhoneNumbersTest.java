package org.opencrm.core.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "+86 138-1234-5678",
                "(138)12345678",
                "138 1234 5678",
                "0086 13812345678",
                "13812345678"
            })
    void normalise_givesE164_forEveryWayR03WritesTheSameMobile(String written) {
        PhoneNumbers.Result result = PhoneNumbers.normalise("phone", written);

        assertEquals(new PhoneNumbers.Valid("+8613812345678"), result);
    }

    @ParameterizedTest
    @ValueSource(strings = {"138****1234", "138xxxx1234", "1381234*5678"})
    void normalise_refusesMaskedNumbers_withTheMaskedRule(String masked) {
        PhoneNumbers.Result result = PhoneNumbers.normalise("phone", masked);

        PhoneNumbers.Invalid invalid = assertInstanceOf(PhoneNumbers.Invalid.class, result);
        assertEquals("masked", invalid.problem().rule());
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "not a phone", "138123456789999"})
    void normalise_refusesNumbersThatAreNotPhones(String junk) {
        PhoneNumbers.Result result = PhoneNumbers.normalise("phone", junk);

        PhoneNumbers.Invalid invalid = assertInstanceOf(PhoneNumbers.Invalid.class, result);
        assertEquals("phone", invalid.problem().rule());
    }

    @org.junit.jupiter.api.Test
    void normalise_keepsForeignNumbers_inTheirOwnCountry() {
        assertEquals(
                new PhoneNumbers.Valid("+16502530000"),
                PhoneNumbers.normalise("phone", "+1 650-253-0000"));
    }
}
