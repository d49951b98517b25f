package org.opencrm.core.contract;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;

/**
 * A new contract as {@code createContract} sends it.
 *
 * @param amount the amount including tax, in fen (the API's Money scalar has parsed it)
 * @param taxRate the VAT rate as a decimal string, e.g. {@code "0.13"}
 * @param signedAt when the paper contract was signed; null for a draft
 * @param dealId the won deal it closes; may be null
 */
@RecordBuilder
public record ContractInput(
        String number,
        String customerId,
        String dealId,
        Long amount,
        String taxRate,
        Instant signedAt) {

    /** A new input, every component named; what is left unset is not given. */
    public static ContractInputBuilder builder() {
        return ContractInputBuilder.builder();
    }
}
