package org.opencrm.core.intake;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.opencrm.core.error.FieldProblem;

/**
 * Decides a CSV file's charset from its first bytes, deterministically, so the same file is always
 * read the same way (no statistical guessing): a byte-order mark wins; UTF-16 is refused; then
 * document magic numbers (PDF, ZIP/XLSX, legacy XLS) and control bytes are refused; then the prefix
 * is UTF-8 if it decodes strictly as UTF-8, else GB18030 if it decodes strictly as GB18030; else
 * refused. A prefix of plain ASCII is evidence of neither: it reads as UTF-8, and {@link
 * Detection#onlyAscii} tells the reader to read the whole file as GB18030 if a later byte is not
 * UTF-8. GB18030 is a superset of GBK (what Excel in China saves), so GBK files read correctly as
 * GB18030. Text that is valid UTF-8 is practically never meant as GBK, so UTF-8 is tried first.
 * Pure: no I/O.
 */
public final class CsvCharsets {

    /** How many bytes the decision reads; the rest of the file is checked as it is read. */
    public static final int PREFIX_BYTES = 64 * 1024;

    public static final Charset GB18030 = Charset.forName("GB18030");

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] GB18030_BOM = {(byte) 0x84, 0x31, (byte) 0x95, 0x33};
    private static final byte[] UTF16_BE_BOM = {(byte) 0xFE, (byte) 0xFF};
    private static final byte[] UTF16_LE_BOM = {(byte) 0xFF, (byte) 0xFE};
    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F'};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] OLE_MAGIC = {
        (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1
    };

    private CsvCharsets() {}

    /**
     * The charset of a file that starts with {@code prefix}, or why it is refused.
     *
     * @param prefix the file's first bytes (at most {@link #PREFIX_BYTES} are looked at)
     * @param wholeFile true when {@code prefix} is the entire file, so a multi-byte character cut
     *     at its end is an error rather than the rest of the file still to come
     */
    public static Detection detect(byte[] prefix, boolean wholeFile) {
        byte[] bytes = prefix.length > PREFIX_BYTES ? Arrays.copyOf(prefix, PREFIX_BYTES) : prefix;
        boolean complete = wholeFile && prefix.length <= PREFIX_BYTES;
        if (bytes.length == 0) {
            return Detection.refused(CsvRefusal.EMPTY);
        }
        if (startsWith(bytes, UTF16_BE_BOM) || startsWith(bytes, UTF16_LE_BOM)) {
            return Detection.refused(CsvRefusal.UTF16);
        }
        if (startsWith(bytes, UTF8_BOM)) {
            return decoded(bytes, UTF8_BOM.length, StandardCharsets.UTF_8, complete);
        }
        if (startsWith(bytes, GB18030_BOM)) {
            return decoded(bytes, GB18030_BOM.length, GB18030, complete);
        }
        Optional<CsvRefusal> document = documentMagic(bytes);
        if (document.isPresent()) {
            return Detection.refused(document.get());
        }
        if (hasControlBytes(bytes)) {
            return Detection.refused(CsvRefusal.BINARY);
        }
        Detection utf8 = decoded(bytes, 0, StandardCharsets.UTF_8, complete);
        if (utf8.refusal() != CsvRefusal.UNKNOWN_CHARSET) {
            return utf8;
        }
        return decoded(bytes, 0, GB18030, complete);
    }

    /** A strict decoder: a byte sequence that is not valid in {@code charset} is an error. */
    public static CharsetDecoder strictDecoder(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static Detection decoded(byte[] bytes, int bom, Charset charset, boolean complete) {
        ByteBuffer in = ByteBuffer.wrap(bytes, bom, bytes.length - bom);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CharsetDecoder decoder = strictDecoder(charset);
        // not the end of input unless it is the whole file: a character cut at the prefix's end
        // stays in the buffer (underflow) instead of counting as malformed
        CoderResult result = decoder.decode(in, out, complete);
        if (result.isError()) {
            return Detection.refused(CsvRefusal.UNKNOWN_CHARSET);
        }
        if (complete && (decoder.flush(out).isError() || in.hasRemaining())) {
            return Detection.refused(CsvRefusal.UNKNOWN_CHARSET);
        }
        out.flip();
        if (!headerHasDelimiter(out)) {
            return Detection.refused(CsvRefusal.NO_DELIMITER);
        }
        return new Detection(charset, bom, null, bom == 0 && isAscii(bytes));
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** The first physical line holds a comma (a header longer than the prefix does not). */
    private static boolean headerHasDelimiter(CharBuffer text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',') {
                return true;
            }
            if (c == '\n' || c == '\r') {
                return false;
            }
        }
        return false;
    }

    private static Optional<CsvRefusal> documentMagic(byte[] bytes) {
        if (startsWith(bytes, PDF_MAGIC)) {
            return Optional.of(CsvRefusal.PDF);
        }
        if (startsWith(bytes, ZIP_MAGIC)) {
            return Optional.of(CsvRefusal.ZIP);
        }
        if (startsWith(bytes, OLE_MAGIC)) {
            return Optional.of(CsvRefusal.OLE);
        }
        return Optional.empty();
    }

    /**
     * NUL and C0 control bytes other than tab, CR and LF. Safe to test on raw bytes: no byte of a
     * multi-byte UTF-8, GBK or GB18030 character is below 0x30.
     */
    private static boolean hasControlBytes(byte[] bytes) {
        for (byte b : bytes) {
            if (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, byte[] magic) {
        return bytes.length >= magic.length
                && Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length);
    }

    /**
     * The decision: a charset and the byte-order mark's length to skip, or a refusal.
     *
     * @param charset null when refused
     * @param bomBytes bytes of byte-order mark before the text
     * @param refusal null when accepted
     * @param onlyAscii the prefix was plain ASCII without a byte-order mark, so UTF-8 is a default
     *     rather than a finding
     */
    public record Detection(Charset charset, int bomBytes, CsvRefusal refusal, boolean onlyAscii) {

        static Detection refused(CsvRefusal refusal) {
            return new Detection(null, 0, refusal, false);
        }

        public boolean accepted() {
            return refusal == null;
        }

        /** The refusal as a problem with the uploaded file, naming the rule. */
        public FieldProblem problem(String field) {
            return new FieldProblem(
                    field, refusal.rule(), refusal.reason(), "UTF-8, GBK, GB18030 CSV text");
        }
    }
}
