package org.opencrm.core.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvCharsetsTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final String TEXT = "姓名,mobile,城市\n张三,13812345678,北京\n";

    @Test
    void utf8WithoutBom_isUtf8_withNothingToSkip() {
        CsvCharsets.Detection detected =
                CsvCharsets.detect(TEXT.getBytes(StandardCharsets.UTF_8), true);

        assertEquals(StandardCharsets.UTF_8, detected.charset());
        assertEquals(0, detected.bomBytes());
    }

    @Test
    void utf8WithBom_isUtf8_skippingTheThreeBomBytes() {
        byte[] bytes = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(TEXT));

        CsvCharsets.Detection detected = CsvCharsets.detect(bytes, true);

        assertEquals(StandardCharsets.UTF_8, detected.charset());
        assertEquals(3, detected.bomBytes());
    }

    @Test
    void gbkBytesFromExcel_areReadAsGb18030_givingTheSameCharacters() throws Exception {
        // GIVEN the bytes a Chinese Excel saves: GBK
        byte[] gbk = TEXT.getBytes(GBK);

        // WHEN detected and decoded in the detected charset
        CsvCharsets.Detection detected = CsvCharsets.detect(gbk, true);
        String decoded = strictlyDecode(gbk, detected.charset());

        // THEN GB18030, which reads GBK text character for character
        assertEquals(CsvCharsets.GB18030, detected.charset());
        assertEquals(TEXT, decoded);
    }

    @Test
    void gb18030WithFourByteCharacters_isGb18030() throws Exception {
        // 𠮷 is outside GBK: GB18030 writes it in four bytes
        String text = "姓名,mobile\n𠮷野,13812345678\n";
        byte[] bytes = text.getBytes(CsvCharsets.GB18030);

        CsvCharsets.Detection detected = CsvCharsets.detect(bytes, true);

        assertEquals(CsvCharsets.GB18030, detected.charset());
        assertEquals(text, strictlyDecode(bytes, detected.charset()));
    }

    @Test
    void utf8Prefix_cutInsideAMultiByteCharacter_isStillUtf8_whenTheFileGoesOn() {
        // GIVEN a UTF-8 file longer than the prefix, its prefix ending one byte into 张 (3 bytes)
        StringBuilder text = new StringBuilder("姓名,mobile\n");
        while (utf8(text.toString()).length < CsvCharsets.PREFIX_BYTES + 10) {
            text.append("张");
        }
        byte[] bytes = utf8(text.toString());
        int lastLeadByte = CsvCharsets.PREFIX_BYTES - 1;
        while ((bytes[lastLeadByte] & 0xC0) != 0xC0) {
            lastLeadByte--;
        }
        byte[] prefix = Arrays.copyOf(bytes, lastLeadByte + 1);
        assertTrue((prefix[prefix.length - 1] & 0xC0) == 0xC0, "prefix ends on a lead byte");

        // WHEN the prefix is detected as the start of a longer file
        CsvCharsets.Detection detected = CsvCharsets.detect(prefix, false);

        // THEN UTF-8, not a malformed sequence
        assertEquals(StandardCharsets.UTF_8, detected.charset());
    }

    @Test
    void aWholeFile_endingInsideACharacter_isRefused() {
        // GIVEN a file ending on the first of 张's three bytes (the first two would read as one
        // GB18030 character)
        byte[] bytes = utf8("name,mobile\n张");
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 2);

        assertEquals(CsvRefusal.UNKNOWN_CHARSET, CsvCharsets.detect(truncated, true).refusal());
    }

    @Test
    void utf16_withEitherBom_isRefusedAsUtf16() {
        assertEquals(
                CsvRefusal.UTF16,
                CsvCharsets.detect(TEXT.getBytes(StandardCharsets.UTF_16), true).refusal());
        byte[] littleEndian =
                concat(
                        new byte[] {(byte) 0xFF, (byte) 0xFE},
                        TEXT.getBytes(StandardCharsets.UTF_16LE));
        assertEquals(CsvRefusal.UTF16, CsvCharsets.detect(littleEndian, true).refusal());
    }

    @Test
    void utf16WithoutBom_andControlBytes_areRefusedAsBinary() {
        assertEquals(
                CsvRefusal.BINARY,
                CsvCharsets.detect(TEXT.getBytes(StandardCharsets.UTF_16LE), true).refusal());
        assertEquals(
                CsvRefusal.BINARY,
                CsvCharsets.detect(utf8("name,mobile\n\u0001\u0002,1"), true).refusal());
    }

    @Test
    void documents_areRefusedByTheirMagicNumber() {
        assertEquals(CsvRefusal.PDF, CsvCharsets.detect(utf8("%PDF-1.7\n%âãÏÓ\n"), true).refusal());
        assertEquals(
                CsvRefusal.ZIP,
                CsvCharsets.detect(new byte[] {'P', 'K', 3, 4, 20, 0, 6, 0}, true).refusal());
        assertEquals(
                CsvRefusal.OLE,
                CsvCharsets.detect(
                                new byte[] {
                                    (byte) 0xD0,
                                    (byte) 0xCF,
                                    0x11,
                                    (byte) 0xE0,
                                    (byte) 0xA1,
                                    (byte) 0xB1,
                                    0x1A,
                                    (byte) 0xE1,
                                    0
                                },
                                true)
                        .refusal());
    }

    @Test
    void aHeaderWithoutComma_isRefusedAsNotCsv_namingTheRule() {
        CsvCharsets.Detection detected =
                CsvCharsets.detect(utf8("Dear customer\nplease find, attached\n"), true);

        assertEquals(CsvRefusal.NO_DELIMITER, detected.refusal());
        assertEquals("notCsv", detected.problem("file").rule());
        assertEquals("file", detected.problem("file").field());
    }

    @Test
    void bytesValidInNeitherCharset_andAnEmptyFile_areRefused() {
        byte[] neither = concat(utf8("name,mobile\n"), new byte[] {(byte) 0xFF, (byte) 0xFF});

        assertEquals(CsvRefusal.UNKNOWN_CHARSET, CsvCharsets.detect(neither, true).refusal());
        assertEquals(CsvRefusal.EMPTY, CsvCharsets.detect(new byte[0], true).refusal());
        assertNull(CsvCharsets.detect(new byte[0], true).charset());
    }

    private static String strictlyDecode(byte[] bytes, Charset charset)
            throws CharacterCodingException {
        return CsvCharsets.strictDecoder(charset).decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
