package org.opencrm.core.intake;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.opencrm.core.error.FieldProblem;

/**
 * A record intake could not accept, kept raw with its reasons until someone fixes and replays it
 * (R-05).
 *
 * @param raw the record exactly as received (JSON text), or as last patched
 * @param importId the import it came from, with its row number; null for other paths
 * @param outcome once replayed: what the replay made of it, returned again on a repeat
 */
@RecordBuilder
public record QuarantinedRecord(
        String id,
        long version,
        String channel,
        String raw,
        List<FieldProblem> reasons,
        boolean replayed,
        Instant receivedAt,
        String receivedBy,
        String importId,
        Long row,
        IntakeOutcome outcome) {

    public QuarantinedRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(raw, "raw");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public QuarantinedRecord stillQuarantined(String patchedRaw, List<FieldProblem> newReasons) {
        return toBuilder()
                .raw(patchedRaw)
                .reasons(newReasons)
                .replayed(false)
                .outcome(null)
                .build();
    }

    public QuarantinedRecord replayedAs(String patchedRaw, IntakeOutcome result) {
        return toBuilder().raw(patchedRaw).replayed(true).outcome(result).build();
    }

    /** A new quarantined record, every component named. */
    public static QuarantinedRecordBuilder builder() {
        return QuarantinedRecordBuilder.builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public QuarantinedRecordBuilder toBuilder() {
        return QuarantinedRecordBuilder.builder(this);
    }
}
