package org.opencrm.graphql.anomaly;

import java.time.Instant;
import java.util.List;
import org.opencrm.core.anomaly.Anomaly;
import org.opencrm.core.anomaly.AnomalyDecision;
import org.opencrm.core.anomaly.AnomalyKind;
import org.opencrm.core.anomaly.AnomalyStatus;
import org.opencrm.core.anomaly.SignedContract;

/**
 * An anomaly as the schema shows it; amounts stay whole fen (the Money scalar writes them), dates
 * ISO strings.
 */
public record AnomalyNode(
        String id,
        long version,
        AnomalyKind kind,
        AnomalyStatus status,
        String customerId,
        String region,
        String team,
        String ownerId,
        List<Contract> contracts,
        long total,
        String windowFrom,
        String windowTo,
        Instant createdAt,
        Instant updatedAt,
        AnomalyDecision decision,
        String note,
        String reviewedBy,
        Instant reviewedAt) {

    /** One contract of the group. */
    public record Contract(String contractId, String contractNumber, String signedOn, long amount) {

        static Contract of(SignedContract contract) {
            return new Contract(
                    contract.contractId(),
                    contract.contractNumber(),
                    contract.signedOn().toString(),
                    contract.amountFen());
        }
    }

    public static AnomalyNode of(Anomaly anomaly) {
        return new AnomalyNode(
                anomaly.id(),
                anomaly.version(),
                anomaly.kind(),
                anomaly.status(),
                anomaly.customerId(),
                anomaly.region(),
                anomaly.team(),
                anomaly.ownerId(),
                anomaly.contracts().stream().map(Contract::of).toList(),
                anomaly.totalFen(),
                anomaly.windowFrom().toString(),
                anomaly.windowTo().toString(),
                anomaly.createdAt(),
                anomaly.updatedAt(),
                anomaly.decision(),
                anomaly.note(),
                anomaly.reviewedBy(),
                anomaly.reviewedAt());
    }
}
