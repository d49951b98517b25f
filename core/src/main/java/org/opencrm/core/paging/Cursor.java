package org.opencrm.core.paging;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/**
 * Opaque list cursors: the sort key of the last item a page returned. The next page continues
 * strictly after it, in every shard of the index.
 */
public final class Cursor {

    private static final String PREFIX = "v1:";

    /** DynamoDB's limit on a sort key, in UTF-8 bytes. */
    public static final int MAX_KEY_BYTES = 1024;

    private Cursor() {}

    public static String encode(String sortKey) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + sortKey).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The sort key a cursor carries; refused (BAD_USER_INPUT, rule {@code cursor}) unless it could
     * have come from {@link #encode}: base64 of strict UTF-8, our prefix, and a key DynamoDB would
     * take as a key (not empty, at most {@link #MAX_KEY_BYTES} bytes), so a forged cursor never
     * reaches a query.
     */
    public static Optional<String> decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException notBase64) {
            throw invalid();
        }
        int keyBytes = bytes.length - PREFIX.length();
        if (keyBytes < 1 || keyBytes > MAX_KEY_BYTES) {
            throw invalid();
        }
        String decoded = strictUtf8(bytes);
        if (!decoded.startsWith(PREFIX) || decoded.chars().anyMatch(Character::isISOControl)) {
            throw invalid();
        }
        return Optional.of(decoded.substring(PREFIX.length()));
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException malformed) {
            throw invalid();
        }
    }

    private static ValidationException invalid() {
        return new ValidationException(
                FieldProblem.of("after", "cursor", "must be an endCursor returned by this list"));
    }
}
