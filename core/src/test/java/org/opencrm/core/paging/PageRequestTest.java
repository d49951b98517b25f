package org.opencrm.core.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opencrm.core.error.ValidationException;

class PageRequestTest {

    @Test
    void of_defaultsToTwenty() {
        assertEquals(20, PageRequest.of(null, null).first());
    }

    @Test
    void of_refusesMoreThanOneHundred_namingTheLimit() {
        ValidationException error =
                assertThrows(ValidationException.class, () -> PageRequest.of(101, null));

        assertEquals("first", error.problems().get(0).field());
        assertEquals(
                "first: must be between 1 and 100, got 101", error.problems().get(0).describe());
    }

    @Test
    void of_readsBackTheSortKeyACursorCarries() {
        assertEquals(
                Optional.of("2026-01-01#x"),
                PageRequest.of(5, Cursor.encode("2026-01-01#x")).afterSortKey());
    }

    @Test
    void of_refusesCursorsItDidNotIssue() {
        assertThrows(ValidationException.class, () -> PageRequest.of(5, "bm90LWEtY3Vyc29y"));
        assertThrows(ValidationException.class, () -> PageRequest.of(5, "%%%"));
    }
}
