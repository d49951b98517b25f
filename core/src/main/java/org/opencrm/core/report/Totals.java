package org.opencrm.core.report;

/**
 * What a set of money facts adds up to: amounts including tax and the tax inside them, in fen, and
 * how many facts.
 */
public record Totals(long amountFen, long taxFen, long count) {

    public static final Totals ZERO = new Totals(0, 0, 0);

    public static Totals of(long amountFen, long taxFen) {
        return new Totals(amountFen, taxFen, 1);
    }

    public Totals plus(Totals other) {
        return new Totals(
                Math.addExact(amountFen, other.amountFen),
                Math.addExact(taxFen, other.taxFen),
                count + other.count);
    }

    /** The amount without its tax. */
    public long netOfTaxFen() {
        return amountFen - taxFen;
    }
}
