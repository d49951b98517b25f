package org.opencrm.core.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which exports are answered inline and which by download URL: a pure rule, no I/O. */
class ExportDeliveryTest {

    @Test
    void anExportOfUpToAThousandRows_isAnsweredInline() {
        // GIVEN / WHEN / THEN nothing, one row and exactly the inline limit stay in the answer
        assertEquals(ExportDelivery.INLINE, ExportDelivery.forRows(0));
        assertEquals(ExportDelivery.INLINE, ExportDelivery.forRows(1));
        assertEquals(ExportDelivery.INLINE, ExportDelivery.forRows(1_000));
    }

    @Test
    void anExportOfMoreThanAThousandRows_goesByUrl() {
        // GIVEN / WHEN / THEN one row past the limit, and far past it, go to the bucket
        assertEquals(ExportDelivery.URL, ExportDelivery.forRows(1_001));
        assertEquals(ExportDelivery.URL, ExportDelivery.forRows(1_000_000));
    }

    @Test
    void theInlineLimit_isAThousandRows() {
        // GIVEN the constant the schema's documentation and the README name
        // THEN it is 1,000
        assertEquals(1_000, ExportDelivery.INLINE_ROW_LIMIT);
    }
}
