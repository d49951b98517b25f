package org.opencrm.graphql.contract;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import org.opencrm.core.contract.Contract;
import org.opencrm.core.contract.ContractRules;
import org.opencrm.core.contract.ContractStatus;

/**
 * A contract as the schema shows it; amounts stay whole fen, the Money scalar writes them. Its
 * facts, customer and deal are fetched by batch loaders, not held here.
 */
@RecordBuilder
public record ContractNode(
        String id,
        long version,
        String number,
        String customerId,
        String goldenId,
        String dealId,
        String ownerId,
        String team,
        String region,
        ContractStatus status,
        Long amount,
        String taxRate,
        Long tax,
        Instant signedAt,
        String signedOn,
        String voidReason,
        Instant voidedAt,
        Long signed,
        Long shipped,
        Long invoiced,
        Long collected,
        Instant createdAt,
        Instant updatedAt) {

    public static ContractNode of(Contract contract) {
        return ContractNodeBuilder.builder()
                .id(contract.id())
                .version(contract.version())
                .number(contract.number())
                .customerId(contract.customerId())
                .goldenId(contract.goldenId())
                .dealId(contract.dealId())
                .ownerId(contract.ownerId())
                .team(contract.team())
                .region(contract.region())
                .status(contract.status())
                .amount(contract.amountFen())
                .taxRate(ContractRules.formatTaxRate(contract.taxRateBasisPoints()))
                .tax(contract.taxFen())
                .signedAt(contract.signedAt())
                .signedOn(contract.signedOn() == null ? null : contract.signedOn().toString())
                .voidReason(contract.voidReason())
                .voidedAt(contract.voidedAt())
                .signed(contract.totals().signed())
                .shipped(contract.totals().shipped())
                .invoiced(contract.totals().invoiced())
                .collected(contract.totals().collected())
                .createdAt(contract.createdAt())
                .updatedAt(contract.updatedAt())
                .build();
    }
}
