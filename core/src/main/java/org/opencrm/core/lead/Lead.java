package org.opencrm.core.lead;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opencrm.core.access.Ownership;

/**
 * A prospect as a channel delivered it: the canonical fields, everything else the channel sent
 * ({@code extra}, never dropped) and the raw payload as received.
 *
 * @param channel the channel that first delivered it
 * @param sources every channel that delivered it, in order (merges add theirs)
 * @param flags what intake noticed but accepted, e.g. a masked phone
 * @param customerId the customer it was converted into or linked with
 * @param goldenId R-07's keyed hash of phone (+ national id); null without a phone
 */
public record Lead(
        String id,
        long version,
        String channel,
        LeadStatus status,
        LeadFields fields,
        Map<String, Object> extra,
        String raw,
        List<String> flags,
        List<String> sources,
        String ownerId,
        String team,
        String customerId,
        String goldenId,
        Instant createdAt,
        Instant updatedAt,
        Instant lastIntakeAt,
        LeadWork work) {

    public Lead {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(createdAt, "createdAt");
        extra =
                extra == null
                        ? Map.of()
                        : java.util.Collections.unmodifiableMap(
                                new java.util.LinkedHashMap<>(extra));
        flags = flags == null ? List.of() : List.copyOf(flags);
        sources = sources == null ? List.of(channel) : List.copyOf(sources);
        updatedAt = updatedAt == null ? createdAt : updatedAt;
        lastIntakeAt = lastIntakeAt == null ? createdAt : lastIntakeAt;
        work = work == null ? LeadWork.NEW : work;
    }

    /** Status, owner and work state change together: assignment, pool, SLA steps. */
    public Lead worked(
            LeadStatus nextStatus,
            String nextOwnerId,
            String nextTeam,
            LeadWork nextWork,
            Instant at) {
        return toBuilder()
                .status(nextStatus)
                .ownerId(nextOwnerId)
                .team(nextTeam)
                .updatedAt(at)
                .work(nextWork)
                .build();
    }

    public Ownership ownership() {
        return new Ownership(ownerId, team, fields.region(), null);
    }

    public Lead withMerged(
            LeadFields merged,
            Map<String, Object> mergedExtra,
            List<String> mergedSources,
            Instant at) {
        return toBuilder()
                .fields(merged)
                .extra(mergedExtra)
                .sources(mergedSources)
                .updatedAt(at)
                .lastIntakeAt(at)
                .build();
    }

    public Lead withGoldenId(String value) {
        return toBuilder().goldenId(value).build();
    }

    /** Converted: closed, linked to its customer; it leaves the SLA ladder and the pool. */
    public Lead converted(String toCustomerId, Instant at) {
        return toBuilder()
                .status(LeadLifecycle.after(status, LeadLifecycle.Action.CONVERT))
                .customerId(toCustomerId)
                .updatedAt(at)
                .work(work.closed(null, null))
                .build();
    }

    /** Disqualified for a reason: closed; it leaves the SLA ladder and the pool. */
    public Lead disqualified(String reasonId, String note, Instant at) {
        return toBuilder()
                .status(LeadLifecycle.after(status, LeadLifecycle.Action.DISQUALIFY))
                .updatedAt(at)
                .work(work.closed(reasonId, note))
                .build();
    }

    public Lead atVersion(long nextVersion, Instant at) {
        return toBuilder().version(nextVersion).updatedAt(at).build();
    }

    /** A new lead, every component named; work left unset starts as {@link LeadWork#NEW}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder()
                .id(id)
                .version(version)
                .channel(channel)
                .status(status)
                .fields(fields)
                .extra(extra)
                .raw(raw)
                .flags(flags)
                .sources(sources)
                .ownerId(ownerId)
                .team(team)
                .customerId(customerId)
                .goldenId(goldenId)
                .createdAt(createdAt)
                .updatedAt(updatedAt)
                .lastIntakeAt(lastIntakeAt)
                .work(work);
    }

    /** Names every component; {@link #build()} is the one caller of the canonical constructor. */
    public static final class Builder {
        private String id;
        private long version;
        private String channel;
        private LeadStatus status;
        private LeadFields fields;
        private Map<String, Object> extra;
        private String raw;
        private List<String> flags;
        private List<String> sources;
        private String ownerId;
        private String team;
        private String customerId;
        private String goldenId;
        private Instant createdAt;
        private Instant updatedAt;
        private Instant lastIntakeAt;
        private LeadWork work;

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

        public Builder status(LeadStatus value) {
            this.status = value;
            return this;
        }

        public Builder fields(LeadFields value) {
            this.fields = value;
            return this;
        }

        public Builder extra(Map<String, Object> value) {
            this.extra = value;
            return this;
        }

        public Builder raw(String value) {
            this.raw = value;
            return this;
        }

        public Builder flags(List<String> value) {
            this.flags = value;
            return this;
        }

        public Builder sources(List<String> value) {
            this.sources = value;
            return this;
        }

        public Builder ownerId(String value) {
            this.ownerId = value;
            return this;
        }

        public Builder team(String value) {
            this.team = value;
            return this;
        }

        public Builder customerId(String value) {
            this.customerId = value;
            return this;
        }

        public Builder goldenId(String value) {
            this.goldenId = value;
            return this;
        }

        public Builder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            this.updatedAt = value;
            return this;
        }

        public Builder lastIntakeAt(Instant value) {
            this.lastIntakeAt = value;
            return this;
        }

        public Builder work(LeadWork value) {
            this.work = value;
            return this;
        }

        public Lead build() {
            return new Lead(
                    id,
                    version,
                    channel,
                    status,
                    fields,
                    extra,
                    raw,
                    flags,
                    sources,
                    ownerId,
                    team,
                    customerId,
                    goldenId,
                    createdAt,
                    updatedAt,
                    lastIntakeAt,
                    work);
        }
    }
}
