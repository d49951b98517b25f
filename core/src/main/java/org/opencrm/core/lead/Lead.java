package org.opencrm.core.lead;

import io.soabase.recordbuilder.core.RecordBuilder;
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
@RecordBuilder
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
    public static LeadBuilder builder() {
        return LeadBuilder.builder();
    }

    /** A builder holding this record's values, to change some of them by name. */
    public LeadBuilder toBuilder() {
        return LeadBuilder.builder(this);
    }
}
