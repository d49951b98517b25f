package org.opencrm.graphql.contract;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import org.opencrm.core.contract.FactKind;
import org.opencrm.core.contract.InvoiceType;
import org.opencrm.core.contract.MoneyFact;
import org.opencrm.core.contract.RecordedFact;

/** A money fact as the schema shows it; amounts in whole fen for the Money scalar. */
@RecordBuilder
public record ContractMoneyFactNode(
        String id,
        String contractId,
        FactKind kind,
        String date,
        Long amount,
        Long tax,
        String reference,
        InvoiceType invoiceType,
        long contractVersion,
        Instant recordedAt,
        String actorId) {

    public static ContractMoneyFactNode of(RecordedFact recorded) {
        MoneyFact fact = recorded.fact();
        return ContractMoneyFactNodeBuilder.builder()
                .id(fact.factId())
                .contractId(fact.contractId())
                .kind(fact.kind())
                .date(fact.date().toString())
                .amount(fact.amountFen())
                .tax(fact.taxFen())
                .reference(fact.reference())
                .invoiceType(recorded.invoiceType())
                .contractVersion(fact.contractVersion())
                .recordedAt(fact.recordedAt())
                .actorId(fact.actorId())
                .build();
    }
}
