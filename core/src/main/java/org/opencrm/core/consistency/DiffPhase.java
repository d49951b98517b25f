package org.opencrm.core.consistency;

/**
 * The passes of a consistency diff, in order; each is worked in chunks from a cursor saved on the
 * report, so an invocation out of time leaves the rest to the next.
 */
enum DiffPhase {
    /** The whole file read once, every rule checked, rows counted; no cursor (it is redone). */
    CHECK,
    /** Rows matched in file order, each stored as its line, its reach of customers recorded. */
    MATCH,
    /** The reaches walked by customer: rows sharing one become DUPLICATE. */
    DUPLICATES,
    /** The system's claims walked in key order: customers no row reached become MISSING_THERE. */
    MISSING_THERE,
    /** The records missing on either side walked by name: same names suggested to each other. */
    SUGGEST,
    /** The rows paged into the CSV, counted, and the report finished. */
    CSV
}
