package org.opencrm.core.search;

import java.util.Objects;
import java.util.Set;
import org.opencrm.core.access.Ownership;

/**
 * What the search index keeps of one record: how it shows in a hit, who may see it (the facts row
 * scope looks at, so hits are filtered without reading the record) and the tokens it is found by.
 */
public record SearchDocument(
        SearchType type,
        String id,
        String title,
        String subtitle,
        Ownership ownership,
        Set<SearchToken> tokens) {

    public SearchDocument {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownership, "ownership");
        tokens = Set.copyOf(tokens);
    }
}
