package org.opencrm.core.contract;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One money event of a contract, immutable once written: a signing, a shipment, an invoice,
 * a payment or the reversal of one. Revenue aggregates, reconciliation and split-order detection
 * all read these facts and nothing else, so every caliber is counted from the same set.
 *
 * <p>The fact copies what a report groups by (owner, team, region, customer) as the contract had it
 * when the fact was written, so a later reassignment of the contract does not move old revenue
 * between reps.
 *
 * @param factId unique and stable: writing the same event twice writes the same fact
 * @param date the business date the caliber counts it on (signed, shipped, invoiced or paid), in
 *     the offices' time zone
 * @param amountFen the amount including tax, in fen; negative for a {@link FactKind#reversal()}
 * @param taxFen the tax inside {@code amountFen}, in fen, with the same sign
 * @param contractVersion the contract's version this fact was written with
 * @param reference the document behind the fact, e.g. the VAT invoice number; may be null
 */
@RecordBuilder
public record MoneyFact(
        String factId,
        String contractId,
        String contractNumber,
        String customerId,
        String ownerId,
        String team,
        String region,
        FactKind kind,
        LocalDate date,
        long amountFen,
        long taxFen,
        long contractVersion,
        String reference,
        Instant recordedAt,
        String actorId) {

    public Caliber caliber() {
        return kind.caliber();
    }

    public static MoneyFactBuilder builder() {
        return MoneyFactBuilder.builder();
    }
}
