package org.opencrm.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One immutable version of a report definition, as its change was approved.
 *
 * @param version 1, 2, 3, ...; 0 is the built-in definition, never stored
 * @param definition every rule, defaults filled in
 * @param changeTicket the approving ticket, e.g. {@code FIN-20260215-003}; null for version 0
 * @param changeNote why it changed
 */
public record ReportDefinitionVersion(
        String name,
        long version,
        JsonNode definition,
        String author,
        Instant at,
        String changeTicket,
        String changeNote) {

    public ReportDefinitionVersion {
        // JsonNode is mutable: keep a copy of our own
        definition = definition.deepCopy();
    }

    @Override
    public JsonNode definition() {
        return definition.deepCopy();
    }
}
