package org.opencrm.core.timeline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;
import org.opencrm.core.paging.Cursor;
import org.opencrm.core.paging.PageRequest;

/**
 * The timeline's one cursor holds every source's own position: the cursor of the last entry taken
 * from it. A source with no position starts from its newest entry. Pure.
 *
 * <p>Inside {@link Cursor}'s envelope the positions read {@code name=cursor;name=cursor}; the
 * sources' cursors are themselves {@link Cursor}s (URL-safe base64), so neither separator occurs in
 * them.
 */
public final class TimelineCursor {

    private TimelineCursor() {}

    /** The sources' positions the client's {@code after} carries; none for the first page. */
    public static Map<String, String> positions(Optional<String> afterSortKey) {
        Map<String, String> positions = new LinkedHashMap<>();
        if (afterSortKey.isEmpty() || afterSortKey.get().isEmpty()) {
            return positions;
        }
        for (String position : afterSortKey.get().split(";")) {
            int equals = position.indexOf('=');
            if (equals <= 0 || equals == position.length() - 1) {
                throw invalid();
            }
            positions.put(position.substring(0, equals), position.substring(equals + 1));
        }
        return positions;
    }

    /** The page one source is asked for: as many as the client asked, after its own position. */
    public static PageRequest requestFor(String source, Map<String, String> positions, int first) {
        String position = positions.get(source);
        return new PageRequest(
                first, position == null ? Optional.empty() : Cursor.decode(position));
    }

    /** The client's cursor for these positions. */
    public static String encode(Map<String, String> positions) {
        StringBuilder joined = new StringBuilder();
        positions.forEach(
                (source, position) -> {
                    if (joined.length() > 0) {
                        joined.append(';');
                    }
                    joined.append(source).append('=').append(position);
                });
        return Cursor.encode(joined.toString());
    }

    private static ValidationException invalid() {
        return new ValidationException(
                FieldProblem.of("after", "cursor", "must be an endCursor returned by this list"));
    }
}
