package org.opencrm.core.activity;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opencrm.core.access.Ownership;

/**
 * One activity (跟进记录): what happened, on which record, and the intent tags its body earned. Always
 * carries the customer when there is one (a deal's, a converted lead's), so a customer's timeline
 * is one index query.
 *
 * @param recordType the type of the record it was logged on: Customer, Lead or Deal
 * @param recordId that record's id
 * @param ownership the record's owner, team, region and service agent when it was last written
 */
@RecordBuilder
public record Activity(
        String id,
        long version,
        ActivityKind kind,
        String body,
        Instant occurredAt,
        Integer durationSeconds,
        String outcome,
        Instant nextFollowUpAt,
        String actorId,
        List<TagMatch> tags,
        String recordType,
        String recordId,
        String customerId,
        String goldenId,
        String leadId,
        String dealId,
        Ownership ownership,
        Instant createdAt,
        Instant updatedAt) {

    public Activity {
        tags = tags == null ? List.of() : List.copyOf(tags);
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** The first match of {@code tag}, if the body earned it. */
    public Optional<TagMatch> tag(String tag) {
        return tags.stream().filter(match -> match.tag().equals(tag)).findFirst();
    }

    public static ActivityBuilder builder() {
        return ActivityBuilder.builder();
    }

    public ActivityBuilder toBuilder() {
        return ActivityBuilder.builder(this);
    }
}
