package org.opencrm.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One immutable version of a run-time configuration. The highest version is current; version
 * 0 stands for "never set" and holds the definition's default.
 *
 * @param name the configuration's name, e.g. {@code breaker}
 * @param version 1, 2, 3, ... in write order; 0 for the built-in default
 * @param value the complete settings as JSON, defaults filled in
 * @param author the user id that wrote this version
 * @param at when it was written
 * @param note why it was written
 * @param rolledBackFrom the older version whose value this one restores, else null
 */
public record ConfigVersion(
        String name,
        long version,
        JsonNode value,
        String author,
        Instant at,
        String note,
        Long rolledBackFrom) {

    public ConfigVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(at, "at");
        if (version < 0) {
            throw new IllegalArgumentException("version must be 0 or more, got " + version);
        }
        // JsonNode is mutable: the record keeps a copy of its own and hands out copies
        value = value.deepCopy();
    }

    @Override
    public JsonNode value() {
        return value.deepCopy();
    }
}
