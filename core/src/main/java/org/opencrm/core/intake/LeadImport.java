package org.opencrm.core.intake;

import java.time.Instant;
import java.util.Objects;

/**
 * A CSV import job and its tally so far: a client polls it for a progress bar. Counts grow chunk by
 * chunk, each chunk counted exactly once.
 *
 * @param total data rows in the file
 * @param processed rows with an outcome so far: accepted + merged + quarantined
 */
public record LeadImport(
        String id,
        String channel,
        ImportStatus status,
        long total,
        long processed,
        long accepted,
        long merged,
        long quarantined,
        int chunks,
        int chunksDone,
        String createdBy,
        Instant createdAt,
        Instant finishedAt) {

    public enum ImportStatus {
        RUNNING,
        DONE
    }

    public LeadImport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
    }

    /** A new import job, every component named. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder()
                .id(id)
                .channel(channel)
                .status(status)
                .total(total)
                .processed(processed)
                .accepted(accepted)
                .merged(merged)
                .quarantined(quarantined)
                .chunks(chunks)
                .chunksDone(chunksDone)
                .createdBy(createdBy)
                .createdAt(createdAt)
                .finishedAt(finishedAt);
    }

    /** Names every component; {@link #build()} is the one caller of the canonical constructor. */
    public static final class Builder {
        private String id;
        private String channel;
        private ImportStatus status;
        private long total;
        private long processed;
        private long accepted;
        private long merged;
        private long quarantined;
        private int chunks;
        private int chunksDone;
        private String createdBy;
        private Instant createdAt;
        private Instant finishedAt;

        private Builder() {}

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder channel(String value) {
            this.channel = value;
            return this;
        }

        public Builder status(ImportStatus value) {
            this.status = value;
            return this;
        }

        public Builder total(long value) {
            this.total = value;
            return this;
        }

        public Builder processed(long value) {
            this.processed = value;
            return this;
        }

        public Builder accepted(long value) {
            this.accepted = value;
            return this;
        }

        public Builder merged(long value) {
            this.merged = value;
            return this;
        }

        public Builder quarantined(long value) {
            this.quarantined = value;
            return this;
        }

        public Builder chunks(int value) {
            this.chunks = value;
            return this;
        }

        public Builder chunksDone(int value) {
            this.chunksDone = value;
            return this;
        }

        public Builder createdBy(String value) {
            this.createdBy = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        public Builder finishedAt(Instant value) {
            this.finishedAt = value;
            return this;
        }

        public LeadImport build() {
            return new LeadImport(
                    id,
                    channel,
                    status,
                    total,
                    processed,
                    accepted,
                    merged,
                    quarantined,
                    chunks,
                    chunksDone,
                    createdBy,
                    createdAt,
                    finishedAt);
        }
    }
}
