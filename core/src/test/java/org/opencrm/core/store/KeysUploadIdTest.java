package org.opencrm.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 18: an object's key under uploads/ names an upload only when its last part is an id. */
class KeysUploadIdTest {

    @Test
    void anObjectOfOurs_namesItsUpload() {
        assertEquals(
                Optional.of("3f2c9a1e-6b7d"),
                Keys.uploadIdOf(Keys.uploadObject("LEAD_IMPORT", "3f2c9a1e-6b7d")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "uploads/lead_import/",
                "uploads/lead_import/id with spaces",
                "uploads/lead_import/a/b",
                "uploads/lead_import/a\u0000b",
                "other/lead_import/x",
            })
    void anyOtherObject_namesNone_soNoStoreIsAskedForIt(String key) {
        assertEquals(Optional.empty(), Keys.uploadIdOf(key));
    }

    @Test
    void aNameLongerThanAnId_namesNone() {
        assertEquals(Optional.empty(), Keys.uploadIdOf("uploads/attachment/" + "x".repeat(3_000)));
    }
}
