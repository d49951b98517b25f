package org.opencrm.core.lead;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.util.Optional;
import org.opencrm.core.access.RowScope;

/**
 * What a lead list asks for; every term optional. Row scope arrives as owner, team or region terms,
 * which pick the index.
 *
 * @param from inclusive lower bound on the creation time
 * @param to inclusive upper bound on the creation time
 */
@RecordBuilder
public record LeadFilter(
        LeadStatus status,
        String ownerId,
        String channel,
        String region,
        String team,
        Instant from,
        Instant to)
        implements RowScope.Filter<LeadFilter> {

    /** A new filter, every term named; what is left unset does not filter. */
    public static LeadFilterBuilder builder() {
        return LeadFilterBuilder.builder();
    }

    public static final LeadFilter ALL = new LeadFilter(null, null, null, null, null, null, null);

    public LeadFilter withOwner(String value) {
        return new LeadFilter(status, value, channel, region, team, from, to);
    }

    public LeadFilter withTeam(String value) {
        return new LeadFilter(status, ownerId, channel, region, value, from, to);
    }

    public LeadFilter withRegion(String value) {
        return new LeadFilter(status, ownerId, channel, value, team, from, to);
    }

    @Override
    public String asked(RowScope.Fact fact) {
        return switch (fact) {
            case OWNER -> ownerId;
            case TEAM -> team;
            case REGION -> region;
            case SERVICE_AGENT -> null;
        };
    }

    /** Leads have no service agent: a scope pinning one reaches no lead. */
    @Override
    public Optional<LeadFilter> pinned(RowScope.Fact fact, String value) {
        return switch (fact) {
            case OWNER -> Optional.of(withOwner(value));
            case TEAM -> Optional.of(withTeam(value));
            case REGION -> Optional.of(withRegion(value));
            case SERVICE_AGENT -> Optional.empty();
        };
    }
}
