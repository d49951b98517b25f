package org.opencrm.core.deal;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Optional;
import org.opencrm.core.access.RowScope;

/**
 * The {@code deals} list filter; each combination is served by an index, the rest applied within
 * it. Null fields do not filter. {@code team} and {@code region} are set by row scope, not by
 * clients.
 */
@RecordBuilder
public record DealFilter(
        String customerId,
        String ownerId,
        DealStage stage,
        Boolean stale,
        String team,
        String region)
        implements RowScope.Filter<DealFilter> {

    /** A new filter, every term named; what is left unset does not filter. */
    public static DealFilterBuilder builder() {
        return DealFilterBuilder.builder();
    }

    public static DealFilter of(String customerId, String ownerId, DealStage stage, Boolean stale) {
        return new DealFilter(customerId, ownerId, stage, stale, null, null);
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

    @Override
    public Optional<DealFilter> pinned(RowScope.Fact fact, String value) {
        return switch (fact) {
            case OWNER ->
                    Optional.of(new DealFilter(customerId, value, stage, stale, team, region));
            case TEAM ->
                    Optional.of(new DealFilter(customerId, ownerId, stage, stale, value, region));
            case REGION ->
                    Optional.of(new DealFilter(customerId, ownerId, stage, stale, team, value));
            // deals have no service agent: such a scope reads none
            case SERVICE_AGENT -> Optional.empty();
        };
    }
}
