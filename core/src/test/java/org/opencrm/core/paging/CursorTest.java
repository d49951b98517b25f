package org.opencrm.core.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencrm.core.error.ValidationException;

/** Issue 18: a forged cursor is the caller's bad input, never a key DynamoDB refuses. */
class CursorTest {

    @Test
    void decode_readsBackWhatEncodeMade() {
        assertEquals(
                Optional.of("2026-01-01T00:00:00Z#id"),
                Cursor.decode(Cursor.encode("2026-01-01T00:00:00Z#id")));
        assertEquals(Optional.empty(), Cursor.decode(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"djE6", "v1:", "%%%"})
    void decode_refusesAnEmptyOrUnreadableKey_asBadInputOnAfter(String cursor) {
        // GIVEN a cursor of our prefix and nothing else (an empty sort key), or not base64
        ValidationException refused =
                assertThrows(ValidationException.class, () -> Cursor.decode(cursor));

        // THEN it is the cursor rule on after
        assertEquals("after", refused.problems().get(0).field());
        assertEquals("cursor", refused.problems().get(0).rule());
    }

    @Test
    void decode_refusesAKeyOverDynamoDbsSortKeyLimit() {
        String tooLong = Cursor.encode("x".repeat(Cursor.MAX_KEY_BYTES + 1));
        String longest = Cursor.encode("x".repeat(Cursor.MAX_KEY_BYTES));

        assertThrows(ValidationException.class, () -> Cursor.decode(tooLong));
        assertEquals(Cursor.MAX_KEY_BYTES, Cursor.decode(longest).orElseThrow().length());
    }

    @Test
    void decode_refusesMalformedUtf8AndControlCharacters() {
        byte[] malformed = {'v', '1', ':', (byte) 0xC3, (byte) 0x28};
        String nul =
                Base64.getUrlEncoder()
                        .encodeToString("v1:a\u0000b".getBytes(StandardCharsets.UTF_8));

        assertThrows(
                ValidationException.class,
                () -> Cursor.decode(Base64.getUrlEncoder().encodeToString(malformed)));
        assertThrows(ValidationException.class, () -> Cursor.decode(nul));
    }
}
