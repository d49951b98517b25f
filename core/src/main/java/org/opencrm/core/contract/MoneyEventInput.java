package org.opencrm.core.contract;

/**
 * A shipment, invoice or payment as the API sends it; a negative amount is its reversal (a return,
 * a credit note, a refund).
 *
 * @param date the business date, ISO ({@code 2026-11-30})
 * @param amount including tax, in fen
 * @param number the VAT invoice (or credit note) number; invoices only
 * @param type the invoice's type; invoices only
 * @param tax the tax inside {@code amount}, in fen; invoices only, computed from the contract's
 *     rate when null
 */
public record MoneyEventInput(String date, Long amount, String number, InvoiceType type, Long tax) {

    public static MoneyEventInput of(String date, Long amount) {
        return new MoneyEventInput(date, amount, null, null, null);
    }

    public static MoneyEventInput invoice(
            String number, InvoiceType type, String date, Long amount) {
        return new MoneyEventInput(date, amount, number, type, null);
    }
}
