package org.opencrm.core.intake;

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
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder()
                .id(id)
                .version(version)
                .channel(channel)
                .raw(raw)
                .reasons(reasons)
                .replayed(replayed)
                .receivedAt(receivedAt)
                .receivedBy(receivedBy)
                .importId(importId)
                .row(row)
                .outcome(outcome);
    }

    /** Names every component; {@link #build()} is the one caller of the canonical constructor. */
    public static final class Builder {
        private String id;
        private long version;
        private String channel;
        private String raw;
        private List<FieldProblem> reasons;
        private boolean replayed;
        private Instant receivedAt;
        private String receivedBy;
        private String importId;
        private Long row;
        private IntakeOutcome outcome;

        private Builder() {}

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder version(long value) {
            this.version = value;
            return this;
        }

        public Builder channel(String value) {
            this.channel = value;
            return this;
        }

        public Builder raw(String value) {
            this.raw = value;
            return this;
        }

        public Builder reasons(List<FieldProblem> value) {
            this.reasons = value;
            return this;
        }

        public Builder replayed(boolean value) {
            this.replayed = value;
            return this;
        }

        public Builder receivedAt(Instant value) {
            this.receivedAt = value;
            return this;
        }

        public Builder receivedBy(String value) {
            this.receivedBy = value;
            return this;
        }

        public Builder importId(String value) {
            this.importId = value;
            return this;
        }

        public Builder row(Long value) {
            this.row = value;
            return this;
        }

        public Builder outcome(IntakeOutcome value) {
            this.outcome = value;
            return this;
        }

        public QuarantinedRecord build() {
            return new QuarantinedRecord(
                    id,
                    version,
                    channel,
                    raw,
                    reasons,
                    replayed,
                    receivedAt,
                    receivedBy,
                    importId,
                    row,
                    outcome);
        }
    }
}
