package org.opencrm.core.consistency;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/**
 * One line of a consistency report.
 *
 * @param number its place in the report, from 1: the export's rows in file order, then the
 *     customers the export lacks
 * @param kind what was found
 * @param line the export's data row, from 1; 0 for a MISSING_THERE customer
 * @param externalId the other system's id: the row's, or the customer's for MISSING_THERE
 * @param customerId the matched customer; null for MISSING_HERE
 * @param matchedBy EXTERNAL_ID, GOLDEN_ID or PHONE; null when not matched
 * @param otherCustomerIds for a DUPLICATE row whose keys name several customers, the others
 * @param differences for MISMATCH, each differing field
 * @param suggestions for MISSING_HERE and MISSING_THERE, customers or rows that look alike (same
 *     name) but did not match: only suggested, never matched
 */
@RecordBuilder
public record ReportRow(
        long number,
        RowKind kind,
        long line,
        String externalId,
        String customerId,
        String matchedBy,
        List<String> otherCustomerIds,
        List<FieldDifference> differences,
        List<String> suggestions) {

    public ReportRow {
        otherCustomerIds = otherCustomerIds == null ? List.of() : List.copyOf(otherCustomerIds);
        differences = differences == null ? List.of() : List.copyOf(differences);
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
    }

    public static ReportRowBuilder builder() {
        return ReportRowBuilder.builder();
    }

    public ReportRowBuilder toBuilder() {
        return ReportRowBuilder.builder(this);
    }
}
