package org.opencrm.core.contract;

import java.time.LocalDate;
import java.util.Optional;
import org.opencrm.core.access.RowScope;

/**
 * The {@code contracts} list filter; the most selective keyed term picks the index, the rest filter
 * within it. Null fields do not filter. {@code team} and {@code region} are set by row scope, not
 * by clients.
 *
 * @param signedFrom first signing day (inclusive, offices' time zone)
 * @param signedTo last signing day (inclusive)
 */
public record ContractFilter(
        String customerId,
        ContractStatus status,
        String ownerId,
        LocalDate signedFrom,
        LocalDate signedTo,
        String team,
        String region)
        implements RowScope.Filter<ContractFilter> {

    public static ContractFilter of(
            String customerId,
            ContractStatus status,
            String ownerId,
            LocalDate signedFrom,
            LocalDate signedTo) {
        return new ContractFilter(customerId, status, ownerId, signedFrom, signedTo, null, null);
    }

    public static ContractFilter none() {
        return of(null, null, null, null, null);
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
    public Optional<ContractFilter> pinned(RowScope.Fact fact, String value) {
        return switch (fact) {
            case OWNER ->
                    Optional.of(
                            new ContractFilter(
                                    customerId, status, value, signedFrom, signedTo, team, region));
            case TEAM ->
                    Optional.of(
                            new ContractFilter(
                                    customerId,
                                    status,
                                    ownerId,
                                    signedFrom,
                                    signedTo,
                                    value,
                                    region));
            case REGION ->
                    Optional.of(
                            new ContractFilter(
                                    customerId,
                                    status,
                                    ownerId,
                                    signedFrom,
                                    signedTo,
                                    team,
                                    value));
            // contracts have no service agent: such a scope reads none
            case SERVICE_AGENT -> Optional.empty();
        };
    }
}
