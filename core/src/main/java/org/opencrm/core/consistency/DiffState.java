package org.opencrm.core.consistency;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * A running diff as its report's head keeps it between invocations.
 *
 * @param phase the pass in hand
 * @param after the cursor in that pass: a row number (MATCH), the sort key of the last item done
 *     (DUPLICATES, SUGGEST), the last claim key done (MISSING_THERE); null at a pass's start
 * @param charset the CSV charset the CHECK pass found (null for JSON, or before)
 * @param total the export's rows (after CHECK)
 * @param processed rows matched so far
 * @param found MISSING_THERE customers numbered so far
 */
@RecordBuilder
record DiffState(
        String system,
        String contentType,
        ExportFile file,
        DiffPhase phase,
        String after,
        String charset,
        long total,
        long processed,
        long found) {

    DiffStateBuilder toBuilder() {
        return DiffStateBuilder.builder(this);
    }

    /** The next pass, from its start. */
    DiffState next(DiffPhase phase) {
        return toBuilder().phase(phase).after(null).build();
    }
}
