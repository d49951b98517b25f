package org.opencrm.core.anomaly;

import java.util.Optional;
import org.opencrm.core.access.RowScope;

/**
 * Which anomalies a list asks for: a kind (null: every kind) and, once row scope has pinned it, a
 * region or a team.
 */
public record AnomalyFilter(AnomalyKind kind, String region, String team)
        implements RowScope.Filter<AnomalyFilter> {

    public static AnomalyFilter of(AnomalyKind kind) {
        return new AnomalyFilter(kind, null, null);
    }

    @Override
    public String asked(RowScope.Fact fact) {
        return switch (fact) {
            case TEAM -> team;
            case REGION -> region;
            case OWNER, SERVICE_AGENT -> null;
        };
    }

    /** Anomalies are listed by region and team; none is listed by owner or service agent. */
    @Override
    public Optional<AnomalyFilter> pinned(RowScope.Fact fact, String value) {
        return switch (fact) {
            case TEAM -> Optional.of(new AnomalyFilter(kind, region, value));
            case REGION -> Optional.of(new AnomalyFilter(kind, value, team));
            case OWNER, SERVICE_AGENT -> Optional.empty();
        };
    }
}
