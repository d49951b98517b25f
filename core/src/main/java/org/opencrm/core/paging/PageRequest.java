package org.opencrm.core.paging;

import java.util.Optional;
import org.opencrm.core.error.FieldProblem;
import org.opencrm.core.error.ValidationException;

/** A validated page request: how many items, and after which cursor (R-31: default 20, max 100). */
public record PageRequest(int first, Optional<String> afterSortKey) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public static PageRequest of(Integer first, String after) {
        int size = first == null ? DEFAULT_SIZE : first;
        if (size < 1 || size > MAX_SIZE) {
            throw new ValidationException(
                    FieldProblem.of(
                            "first",
                            "range",
                            "must be between 1 and " + MAX_SIZE + ", got " + size));
        }
        return new PageRequest(size, Cursor.decode(after));
    }
}
