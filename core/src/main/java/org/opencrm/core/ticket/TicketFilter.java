package org.opencrm.core.ticket;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Optional;
import org.opencrm.core.access.RowScope;

/**
 * What {@code tickets(filter)} asks; every term optional. Row scope pins the assignee (OWN), the
 * serving agent (SERVED) or the team (TEAM); tickets have no region scope.
 */
@RecordBuilder
public record TicketFilter(
        String customerId,
        String assigneeId,
        String serviceAgentId,
        String team,
        TicketStatus status)
        implements RowScope.Filter<TicketFilter> {

    /** A new filter, every term named; what is left unset does not filter. */
    public static TicketFilterBuilder builder() {
        return TicketFilterBuilder.builder();
    }

    public static final TicketFilter NONE = new TicketFilter(null, null, null, null, null);

    @Override
    public String asked(RowScope.Fact fact) {
        return switch (fact) {
            case OWNER -> assigneeId;
            case SERVICE_AGENT -> serviceAgentId;
            case TEAM -> team;
            case REGION -> null;
        };
    }

    @Override
    public Optional<TicketFilter> pinned(RowScope.Fact fact, String value) {
        return switch (fact) {
            case OWNER ->
                    Optional.of(new TicketFilter(customerId, value, serviceAgentId, team, status));
            case SERVICE_AGENT ->
                    Optional.of(new TicketFilter(customerId, assigneeId, value, team, status));
            case TEAM ->
                    Optional.of(
                            new TicketFilter(
                                    customerId, assigneeId, serviceAgentId, value, status));
            case REGION -> Optional.empty();
        };
    }
}
