package org.opencrm.core.consistency;

/** What a consistency diff found for one record. */
public enum RowKind {
    /** Found on both sides with the same values. */
    MATCHED,
    /** In the export, not in the CRM. */
    MISSING_HERE,
    /** A customer carrying an id of the system that the export does not list. */
    MISSING_THERE,
    /** Two export rows for one customer, or one row whose keys name two customers. */
    DUPLICATE,
    /** Found on both sides with different values. */
    MISMATCH
}
