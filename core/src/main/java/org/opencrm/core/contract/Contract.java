package org.opencrm.core.contract;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.opencrm.core.access.Ownership;

/**
 * A sales contract (issue 16): one customer (its golden customer), optionally the won deal it
 * closes, an amount including VAT, and the running totals of its money facts per caliber. Owner,
 * team and region are the deal's (else the customer's) when the contract is created, so row scope
 * treats a contract like its deal.
 *
 * @param version the stored version (0 for a contract not written yet); every write adds one
 * @param number the contract number as normalised, unique for good
 * @param goldenId the customer's golden id, for the finance system
 * @param amountFen the amount including tax, in fen
 * @param taxRateBasisPoints the VAT rate in 1/10,000 (1300 = 13 %)
 * @param signedAt when it was signed; null until then
 * @param voidReason why it was voided; null unless voided
 */
@RecordBuilder
public record Contract(
        String id,
        long version,
        String number,
        String customerId,
        String goldenId,
        String dealId,
        String ownerId,
        String team,
        String region,
        long amountFen,
        int taxRateBasisPoints,
        Instant signedAt,
        ContractStatus status,
        String voidReason,
        Instant voidedAt,
        ContractTotals totals,
        Instant createdAt,
        Instant updatedAt) {

    public Contract {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        totals = totals == null ? ContractTotals.NONE : totals;
        updatedAt = updatedAt == null ? createdAt : updatedAt;
    }

    public static ContractBuilder builder() {
        return ContractBuilder.builder();
    }

    public ContractBuilder toBuilder() {
        return ContractBuilder.builder(this);
    }

    public Ownership ownership() {
        return new Ownership(ownerId, team, region, null);
    }

    /** The tax inside the amount, rounded half up to whole fen. */
    public long taxFen() {
        return ContractRules.taxOf(amountFen, taxRateBasisPoints);
    }

    /** The business date of the signing, in the offices' time zone; null until signed. */
    public LocalDate signedOn() {
        return signedAt == null ? null : ContractRules.businessDate(signedAt);
    }
}
