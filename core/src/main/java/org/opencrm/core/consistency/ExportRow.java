package org.opencrm.core.consistency;

import java.time.Instant;
import java.util.Map;

/**
 * One record of another system's export.
 *
 * @param line its data row number in the file, from 1
 * @param externalId the record's id in that system
 * @param goldenId the golden id the other system keeps for it, when it has one
 * @param values the compared fields the file has columns for, as written there (a blank cell is
 *     null: the other system has no value)
 * @param updatedAt when the other system last changed the record, its source stamp; null when the
 *     file does not say, so nothing of the row can be shown newer there
 */
public record ExportRow(
        long line,
        String externalId,
        String goldenId,
        Map<String, String> values,
        Instant updatedAt) {

    public ExportRow {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
}
