package org.opencrm.core.anomaly;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.opencrm.core.access.Ownership;

/**
 * Something the numbers say a person should look at: for a split order, one customer's
 * contracts signed within the window whose total crosses the threshold.
 *
 * @param customerId the customer the contracts count towards: the survivor when the fact named an
 *     id merged into it
 * @param region the region of the contract that completed the group, whose manager is told
 * @param team that contract's team
 * @param ownerId that contract's owner
 * @param contracts the group, by signing date; a contract joining later extends the list
 * @param totalFen the contracts' net amounts together
 * @param windowFrom the first signing date
 * @param windowTo the last signing date
 * @param decision null while OPEN
 */
@RecordBuilder
public record Anomaly(
        String id,
        AnomalyKind kind,
        AnomalyStatus status,
        String customerId,
        String region,
        String team,
        String ownerId,
        List<SignedContract> contracts,
        long totalFen,
        LocalDate windowFrom,
        LocalDate windowTo,
        Instant createdAt,
        Instant updatedAt,
        AnomalyDecision decision,
        String note,
        String reviewedBy,
        Instant reviewedAt,
        long version) {

    public Anomaly {
        contracts = contracts == null ? List.of() : List.copyOf(contracts);
    }

    public static AnomalyBuilder builder() {
        return AnomalyBuilder.builder();
    }

    public AnomalyBuilder toBuilder() {
        return AnomalyBuilder.builder(this);
    }

    /** Row scope looks at the region and team (and owner) of the contract that raised it. */
    public Ownership ownership() {
        return new Ownership(ownerId, team, region, null);
    }
}
