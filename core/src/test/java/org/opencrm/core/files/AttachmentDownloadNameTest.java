package org.opencrm.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The file name a download offers, encoded for Content-Disposition's filename* (RFC 5987). */
class AttachmentDownloadNameTest {

    @Test
    void aChineseNameWithSpacesAndParentheses_isUtf8PercentEncoded_withSpacesAsPercent20() {
        assertEquals(
                "%E6%B3%95%E5%BE%8B%20v2%20%28final%29.pdf",
                AttachmentService.percentEncoded("法律 v2 (final).pdf"));
    }

    @Test
    void lettersDigitsDotsUnderscoresAndHyphens_stayAsTheyAre() {
        assertEquals(
                "Opinion_2026-11.pdf", AttachmentService.percentEncoded("Opinion_2026-11.pdf"));
    }
}
