package org.opencrm.core.search;

import java.util.Objects;

/** One normalised string a record is found by, and what it was made from. */
public record SearchToken(TokenKind kind, String value) {

    public SearchToken {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty token");
        }
    }
}
