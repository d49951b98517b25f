package org.opencrm.core.intake;

import java.util.List;
import java.util.Objects;
import org.opencrm.core.error.FieldProblem;

/**
 * The per-record answer of every intake path: nothing that reached us goes unaccounted.
 *
 * @param index the record's position in the call (or its row number in an import)
 * @param leadId the new lead (ACCEPTED)
 * @param matchedId the lead or customer it was merged into (MERGED); null when the caller may not
 *     see it
 * @param matchedBy which contact matched: phone, email or wechatId (MERGED)
 * @param quarantineId where it waits for a fix (QUARANTINED)
 * @param reasons why it was quarantined, or what was flagged on an accepted record
 */
public record IntakeOutcome(
        int index,
        IntakeStatus status,
        String leadId,
        String matchedId,
        String matchedBy,
        String matchedType,
        String quarantineId,
        List<FieldProblem> reasons) {

    public IntakeOutcome {
        Objects.requireNonNull(status, "status");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public static IntakeOutcome accepted(int index, String leadId, List<FieldProblem> flags) {
        return new IntakeOutcome(
                index, IntakeStatus.ACCEPTED, leadId, null, null, null, null, flags);
    }

    public static IntakeOutcome merged(
            int index,
            String matchedType,
            String matchedId,
            String matchedBy,
            List<FieldProblem> flags) {
        return new IntakeOutcome(
                index, IntakeStatus.MERGED, null, matchedId, matchedBy, matchedType, null, flags);
    }

    public static IntakeOutcome quarantined(
            int index, String quarantineId, List<FieldProblem> reasons) {
        return new IntakeOutcome(
                index, IntakeStatus.QUARANTINED, null, null, null, null, quarantineId, reasons);
    }

    public IntakeOutcome atIndex(int newIndex) {
        return new IntakeOutcome(
                newIndex, status, leadId, matchedId, matchedBy, matchedType, quarantineId, reasons);
    }

    /** The same outcome without the matched record's id, for a caller who may not see it. */
    public IntakeOutcome withoutMatchedId() {
        return new IntakeOutcome(
                index, status, leadId, null, matchedBy, matchedType, quarantineId, reasons);
    }
}
