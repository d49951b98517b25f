package org.opencrm.core.paging;

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

    private Cursor() {}

    public static String encode(String sortKey) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + sortKey).getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<String> decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw invalid();
        }
        if (!decoded.startsWith(PREFIX)) {
            throw invalid();
        }
        return Optional.of(decoded.substring(PREFIX.length()));
    }

    private static ValidationException invalid() {
        return new ValidationException(
                FieldProblem.of("after", "cursor", "must be an endCursor returned by this list"));
    }
}
