package org.opencrm.core.intake;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.function.Function;
import org.opencrm.core.error.ValidationException;

/**
 * A CSV file's bytes opened as text, in the charset {@link CsvCharsets} decides, for every reader
 * of uploaded CSV (lead imports, other systems' exports): one place for the prefix's detection, the
 * refusal of a file it refuses, the byte-order mark, the strict decoding, and the one second read a
 * file may need.
 *
 * <p>That second read: a file whose first {@link CsvCharsets#PREFIX_BYTES} are plain ASCII reads as
 * UTF-8 (the prefix is evidence of neither), and a later byte that is not UTF-8 means it was GBK
 * after all. The reader then throws {@link AsciiStartWasNotUtf8} ({@link #refusal}) and {@link
 * #inDetectedCharset} reads the whole file again as GB18030.
 */
public final class CsvText {

    private CsvText() {}

    /**
     * A file opened as text.
     *
     * @param text the decoded text after any byte-order mark; a byte the charset refuses is a
     *     refusal of {@link CsvRefusal#UNKNOWN_CHARSET}'s rule where it is read
     * @param charset the charset it is read in
     * @param utf8WasAGuess true when it reads as UTF-8 only because its start was plain ASCII
     */
    public record Opened(Reader text, Charset charset, boolean utf8WasAGuess) {}

    /**
     * Opens {@code raw} as text in {@code charset}, or in the charset its first bytes show when
     * null. Closing the text closes {@code raw}.
     *
     * @throws ValidationException naming {@code field} when the first bytes are refused (empty,
     *     UTF-16, a document, binary, neither UTF-8 nor GB18030)
     * @throws IOException when the storage fails
     */
    public static Opened open(InputStream raw, Charset charset, String field) throws IOException {
        BufferedInputStream bytes = new BufferedInputStream(raw, CsvCharsets.PREFIX_BYTES);
        bytes.mark(CsvCharsets.PREFIX_BYTES);
        byte[] prefix = bytes.readNBytes(CsvCharsets.PREFIX_BYTES);
        bytes.reset();
        CsvCharsets.Detection detected =
                CsvCharsets.detect(prefix, prefix.length < CsvCharsets.PREFIX_BYTES);
        if (!detected.accepted()) {
            throw new ValidationException(detected.problem(field));
        }
        bytes.skipNBytes(detected.bomBytes());
        Charset reading = charset == null ? detected.charset() : charset;
        Reader text =
                new BufferedReader(
                        new InputStreamReader(bytes, CsvCharsets.strictDecoder(reading)));
        return new Opened(text, reading, charset == null && detected.onlyAscii());
    }

    /**
     * What to throw for a file refused as it was read: {@link AsciiStartWasNotUtf8} when the bytes
     * did not decode and UTF-8 was only a guess, so {@link #inDetectedCharset} reads it again as
     * GB18030; else the refusal itself.
     */
    public static RuntimeException refusal(ValidationException refused, boolean utf8WasAGuess) {
        boolean undecodable =
                refused.problems().stream()
                        .anyMatch(
                                problem ->
                                        CsvRefusal.UNKNOWN_CHARSET.rule().equals(problem.rule()));
        return undecodable && utf8WasAGuess ? new AsciiStartWasNotUtf8() : refused;
    }

    /**
     * Reads a file in the charset its first bytes show ({@code read} is given null), then, only if
     * an ASCII start turned out not to be UTF-8, once more as GB18030.
     */
    public static <T> T inDetectedCharset(Function<Charset, T> read) {
        try {
            return read.apply(null);
        } catch (AsciiStartWasNotUtf8 guessedWrong) {
            return read.apply(CsvCharsets.GB18030);
        }
    }

    /** An ASCII start read as UTF-8 met a byte that is not: the file is read again as GB18030. */
    public static final class AsciiStartWasNotUtf8 extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AsciiStartWasNotUtf8() {
            super(null, null, false, false);
        }
    }
}
