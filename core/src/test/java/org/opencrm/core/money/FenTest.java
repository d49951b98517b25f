package org.opencrm.core.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

class FenTest {

    @Test
    void parse_readsTwoDecimalPlaces_asWholeFen() {
        assertEquals(1_234_560L, Fen.parse("amount", "12345.60"));
        assertEquals(1_234_560L, Fen.parse("amount", "12345.6"));
        assertEquals(1_234_500L, Fen.parse("amount", "12345"));
        assertEquals(5L, Fen.parse("amount", "0.05"));
        assertEquals(-150L, Fen.parse("amount", "-1.50"));
    }

    @Test
    void format_writesTwoDecimalPlaces_withoutGrouping() {
        assertEquals("12345.60", Fen.format(1_234_560L));
        assertEquals("0.05", Fen.format(5L));
        assertEquals("0.00", Fen.format(0L));
        assertEquals("-1.50", Fen.format(-150L));
    }

    @Test
    void theLargestAmount_roundTrips_andOneFenMoreIsRefused() {
        assertEquals(Fen.MAX_FEN, Fen.parse("amount", Fen.MAX_TEXT));
        assertEquals(Fen.MAX_TEXT, Fen.format(Fen.MAX_FEN));
        assertEquals(Optional.empty(), Fen.tryParse("1000000000000.00"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "12.345",
                "1e3",
                "1,000.00",
                "¥12.00",
                " 12.00",
                "12.",
                ".5",
                "012.00",
                "+1.00",
                "NaN",
                "",
                "12.00 ",
                "١٢"
            })
    void parse_refusesAnythingButAPlainDecimalWithAtMostTwoPlaces(String text) {
        ValidationException refused =
                assertThrows(ValidationException.class, () -> Fen.parse("amount", text));

        FieldProblem problem = refused.problems().get(0);
        assertEquals("amount", problem.field());
        assertEquals("money", problem.rule());
        assertEquals(Fen.MAX_TEXT, problem.limit());
    }

    @Test
    void parse_refusesNull_namingTheField() {
        ValidationException refused =
                assertThrows(ValidationException.class, () -> Fen.parse("amount", null));

        assertTrue(refused.getMessage().startsWith("amount: "));
    }
}
