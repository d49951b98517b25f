package org.opencrm.graphql.anomaly;

import io.soabase.recordbuilder.core.RecordBuilder;
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
@RecordBuilder
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
        return AnomalyNodeBuilder.builder()
                .id(anomaly.id())
                .version(anomaly.version())
                .kind(anomaly.kind())
                .status(anomaly.status())
                .customerId(anomaly.customerId())
                .region(anomaly.region())
                .team(anomaly.team())
                .ownerId(anomaly.ownerId())
                .contracts(anomaly.contracts().stream().map(Contract::of).toList())
                .total(anomaly.totalFen())
                .windowFrom(anomaly.windowFrom().toString())
                .windowTo(anomaly.windowTo().toString())
                .createdAt(anomaly.createdAt())
                .updatedAt(anomaly.updatedAt())
                .decision(anomaly.decision())
                .note(anomaly.note())
                .reviewedBy(anomaly.reviewedBy())
                .reviewedAt(anomaly.reviewedAt())
                .build();
    }
}
