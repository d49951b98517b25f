package org.opencrm.core.customer;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Optional;
import org.opencrm.core.access.RowScope;

/**
 * List filter; every combination is served by an index. Null fields do not filter. {@code
 * team} and {@code serviceAgentId} are set by row scope, not by clients.
 */
@RecordBuilder
public record CustomerFilter(
        String ownerId,
        CustomerStage stage,
        String region,
        boolean archived,
        String team,
        String serviceAgentId)
        implements RowScope.Filter<CustomerFilter> {

    /**
     * A new filter, every term named; a term left unset does not filter, but for {@code archived},
     * which is false unless set: the active customers.
     */
    public static CustomerFilterBuilder builder() {
        return CustomerFilterBuilder.builder();
    }

    public static CustomerFilter none() {
        return builder().build();
    }

    public CustomerFilter withOwner(String value) {
        return new CustomerFilter(value, stage, region, archived, team, serviceAgentId);
    }

    public CustomerFilter withRegion(String value) {
        return new CustomerFilter(ownerId, stage, value, archived, team, serviceAgentId);
    }

    public CustomerFilter withTeam(String value) {
        return new CustomerFilter(ownerId, stage, region, archived, value, serviceAgentId);
    }

    public CustomerFilter withArchived(boolean value) {
        return new CustomerFilter(ownerId, stage, region, value, team, serviceAgentId);
    }

    public CustomerFilter withServiceAgent(String value) {
        return new CustomerFilter(ownerId, stage, region, archived, team, value);
    }

    @Override
    public String asked(RowScope.Fact fact) {
        return switch (fact) {
            case OWNER -> ownerId;
            case SERVICE_AGENT -> serviceAgentId;
            case TEAM -> team;
            case REGION -> region;
        };
    }

    @Override
    public Optional<CustomerFilter> pinned(RowScope.Fact fact, String value) {
        return Optional.of(
                switch (fact) {
                    case OWNER -> withOwner(value);
                    case SERVICE_AGENT -> withServiceAgent(value);
                    case TEAM -> withTeam(value);
                    case REGION -> withRegion(value);
                });
    }
}
