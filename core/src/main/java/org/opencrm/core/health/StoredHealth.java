package org.opencrm.core.health;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.List;

/**
 * A customer's health as the health table keeps it.
 *
 * @param partitions the lists it is counted in ({@link HealthPartitions}); empty when archived or
 *     gone
 * @param lastTouchAt the latest activity, deal change or ticket; null for none ever
 * @param revision how many times it was written: the next write is conditioned on it
 */
@RecordBuilder
public record StoredHealth(
        String customerId,
        int score,
        List<HealthComponent> components,
        List<String> partitions,
        String ownerId,
        Instant lastTouchAt,
        Instant computedAt,
        long revision) {

    public StoredHealth {
        components = List.copyOf(components);
        partitions = List.copyOf(partitions);
    }

    /** Whether {@code other} says the same (when it was computed and the revision aside). */
    public boolean sameAs(StoredHealth other) {
        return other != null
                && score == other.score
                && components.equals(other.components)
                && partitions.equals(other.partitions)
                && java.util.Objects.equals(ownerId, other.ownerId)
                && java.util.Objects.equals(lastTouchAt, other.lastTouchAt);
    }

    public Health health() {
        return new Health(score, components);
    }

    public static StoredHealthBuilder builder() {
        return StoredHealthBuilder.builder();
    }

    public StoredHealthBuilder toBuilder() {
        return StoredHealthBuilder.builder(this);
    }
}
