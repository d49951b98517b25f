package org.opencrm.core.contract;

/** The kind of a VAT invoice: 增值税专用发票 (special, deductible) or 增值税普通发票 (ordinary). */
public enum InvoiceType {
    SPECIAL,
    ORDINARY
}
