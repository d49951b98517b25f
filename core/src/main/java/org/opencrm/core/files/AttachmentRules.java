package org.opencrm.core.files;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.error.FieldProblem;

/**
 * Whether an arrived attachment is what its upload declared: the checksum the client gave, and the
 * first bytes every file of the declared type starts with (its magic number), so a renamed
 * executable or HTML page is not kept as a PDF. Pure: the caller reads the object.
 */
public final class AttachmentRules {

    /** How many leading bytes the longest signature needs. */
    public static final int HEAD_BYTES = 8;

    private static final byte[] ZIP = {'P', 'K', 3, 4};

    // DOCX and XLSX are ZIP containers; telling them apart would mean unzipping, which the size
    // limit and the declared type make unnecessary
    private static final Map<String, byte[]> SIGNATURES =
            Map.of(
                    "application/pdf",
                    "%PDF-".getBytes(StandardCharsets.US_ASCII),
                    "image/png",
                    new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
                    "image/jpeg",
                    new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff},
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    ZIP,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    ZIP);

    private AttachmentRules() {}

    /** True when {@code head} starts with the signature of {@code contentType}. */
    public static boolean contentMatchesType(String contentType, byte[] head) {
        byte[] signature = SIGNATURES.get(contentType);
        if (signature == null || head.length < signature.length) {
            return false;
        }
        return Arrays.equals(head, 0, signature.length, signature, 0, signature.length);
    }

    /**
     * Why the arrived bytes are not the declared attachment, if they are not: the declared checksum
     * first (the strongest statement the client made), then the type.
     *
     * @param sha256 of the arrived bytes, lower-case hex
     * @param head their first bytes, up to {@link #HEAD_BYTES}
     */
    public static Optional<FieldProblem> problem(
            UploadRequest declared, String sha256, byte[] head) {
        if (declared.sha256() != null && !declared.sha256().equals(sha256)) {
            return Optional.of(
                    new FieldProblem(
                            "sha256",
                            "declaredSha256",
                            "declared " + declared.sha256() + ", the stored file has " + sha256,
                            declared.sha256()));
        }
        if (!contentMatchesType(declared.contentType(), head)) {
            return Optional.of(
                    new FieldProblem(
                            "contentType",
                            "contentMatchesType",
                            "the file's content is not " + declared.contentType(),
                            declared.contentType()));
        }
        return Optional.empty();
    }
}
