package org.opencrm.core.contract;

/**
 * What a money fact records. Each kind counts towards one {@link Caliber}; the reversing kinds (a
 * voided signing, a return, a credit note, a refund) carry negative amounts, so a caliber's total
 * is the plain sum of its facts and a report definition can still tell them apart.
 */
public enum FactKind {
    SIGNING(Caliber.SIGNED, false),
    VOIDING(Caliber.SIGNED, true),
    SHIPMENT(Caliber.SHIPPED, false),
    RETURN(Caliber.SHIPPED, true),
    INVOICE(Caliber.INVOICED, false),
    CREDIT_NOTE(Caliber.INVOICED, true),
    PAYMENT(Caliber.COLLECTED, false),
    REFUND(Caliber.COLLECTED, true);

    private final Caliber caliber;
    private final boolean reversal;

    FactKind(Caliber caliber, boolean reversal) {
        this.caliber = caliber;
        this.reversal = reversal;
    }

    public Caliber caliber() {
        return caliber;
    }

    /** True when the kind takes money back: its facts' amounts are negative. */
    public boolean reversal() {
        return reversal;
    }
}
