package org.opencrm.core.contract;

/**
 * A contract's money fact as the contract API shows it: the fact and, for an invoice or credit
 * note, its invoice type.
 */
public record RecordedFact(MoneyFact fact, InvoiceType invoiceType) {}
