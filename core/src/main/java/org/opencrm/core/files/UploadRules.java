package org.opencrm.core.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/**
 * What may be uploaded for each purpose: content types, size, the fields each purpose needs and the
 * shape of the file name and checksum. Pure: whether a channel is configured or a record is within
 * the caller's scope is checked by {@link UploadService}.
 */
public final class UploadRules {

    static final int MAX_FILE_NAME_LENGTH = 200;
    static final List<String> ATTACHMENT_KINDS = List.of("LEGAL_OPINION", "CONTRACT_SCAN", "OTHER");
    // the systems whose ids customers carry are the systems an export may come from
    static final List<String> EXPORT_SYSTEMS =
            java.util.Arrays.stream(org.opencrm.core.identity.ExternalSystem.values())
                    .map(Enum::name)
                    .toList();

    private static final long MB = 1024L * 1024L;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    // letters and digits of any script (Chinese names), space and a few punctuation marks; no
    // slashes, control characters or quotes, so a name is safe in a Content-Disposition later
    private static final Pattern FILE_NAME = Pattern.compile("[\\p{L}\\p{N} ._()\\-]+");

    /** Allowed types and the size limit of one purpose. */
    record Limits(List<String> contentTypes, long maxBytes) {}

    static final Map<UploadPurpose, Limits> LIMITS =
            Map.of(
                    // browsers label a .csv saved from Excel application/vnd.ms-excel
                    UploadPurpose.LEAD_IMPORT,
                    new Limits(
                            List.of("text/csv", "application/vnd.ms-excel", "text/plain"), 50 * MB),
                    UploadPurpose.ATTACHMENT,
                    new Limits(
                            List.of(
                                    "application/pdf",
                                    "image/jpeg",
                                    "image/png",
                                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                            20 * MB),
                    UploadPurpose.CONSISTENCY_DIFF,
                    new Limits(List.of("text/csv", "application/json"), 200 * MB));

    private UploadRules() {}

    /** Throws a BAD_USER_INPUT naming every broken rule. */
    public static void require(UploadRequest request) {
        List<FieldProblem> problems = problems(request);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    static List<FieldProblem> problems(UploadRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.purpose() == null) {
            problems.add(FieldProblem.of("purpose", "required", "a purpose is required"));
            return problems;
        }
        Limits limits = LIMITS.get(request.purpose());
        fileName(request.fileName(), problems);
        if (!limits.contentTypes().contains(request.contentType())) {
            problems.add(
                    new FieldProblem(
                            "contentType",
                            "allowedContentType",
                            "must be one of "
                                    + limits.contentTypes()
                                    + ", got "
                                    + request.contentType(),
                            limits.contentTypes()));
        }
        size(request.size(), limits.maxBytes(), problems);
        if (request.sha256() != null && !SHA256_HEX.matcher(request.sha256()).matches()) {
            problems.add(
                    new FieldProblem(
                            "sha256",
                            "sha256Hex",
                            "must be 64 lower-case hex digits",
                            SHA256_HEX.pattern()));
        }
        problems.addAll(purposeFields(request));
        return problems;
    }

    private static void fileName(String fileName, List<FieldProblem> problems) {
        if (fileName == null || fileName.isBlank()) {
            problems.add(FieldProblem.of("fileName", "required", "a file name is required"));
            return;
        }
        if (fileName.length() > MAX_FILE_NAME_LENGTH) {
            problems.add(FieldProblem.tooLong("fileName", MAX_FILE_NAME_LENGTH, fileName.length()));
            return;
        }
        if (!FILE_NAME.matcher(fileName).matches() || fileName.startsWith(".")) {
            problems.add(
                    new FieldProblem(
                            "fileName",
                            "fileNameCharacters",
                            "letters, digits, spaces and . _ ( ) - only, not starting with a dot",
                            FILE_NAME.pattern()));
        }
    }

    private static void size(long size, long maxBytes, List<FieldProblem> problems) {
        if (size <= 0) {
            problems.add(new FieldProblem("size", "minSize", "must be at least 1 byte", 1));
            return;
        }
        if (size > maxBytes) {
            problems.add(
                    new FieldProblem(
                            "size",
                            "maxSize",
                            "at most " + maxBytes + " bytes, got " + size,
                            maxBytes));
        }
    }

    private static List<FieldProblem> purposeFields(UploadRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        switch (request.purpose()) {
            case LEAD_IMPORT -> {
                if (isBlank(request.channel())) {
                    problems.add(required("channel", "a LEAD_IMPORT names its lead channel"));
                }
            }
            case ATTACHMENT -> {
                if (isBlank(request.entityId())) {
                    problems.add(required("entityId", "an ATTACHMENT names its record"));
                }
                // List.of answers contains(null) with an exception (found by the fuzz test): a
                // missing kind is the client's to fix like a wrong one
                if (request.kind() == null || !ATTACHMENT_KINDS.contains(request.kind())) {
                    problems.add(
                            new FieldProblem(
                                    "kind",
                                    "allowedKind",
                                    "must be one of "
                                            + ATTACHMENT_KINDS
                                            + ", got "
                                            + request.kind(),
                                    ATTACHMENT_KINDS));
                }
            }
            case CONSISTENCY_DIFF -> {
                if (request.system() == null || !EXPORT_SYSTEMS.contains(request.system())) {
                    problems.add(
                            new FieldProblem(
                                    "system",
                                    "allowedSystem",
                                    "a CONSISTENCY_DIFF names the system the export comes from,"
                                            + " one of "
                                            + EXPORT_SYSTEMS
                                            + ", got "
                                            + request.system(),
                                    EXPORT_SYSTEMS));
                }
            }
        }
        return problems;
    }

    private static FieldProblem required(String field, String message) {
        return FieldProblem.of(field, "required", message);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
