package org.opencrm.core.contract;

/**
 * A contract's running totals per caliber, in fen, including tax: the plain sums of its money
 * facts, kept on the contract item in the same transaction as each fact.
 */
public record ContractTotals(long signed, long shipped, long invoiced, long collected) {

    public static final ContractTotals NONE = new ContractTotals(0, 0, 0, 0);

    public long of(Caliber caliber) {
        return switch (caliber) {
            case SIGNED -> signed;
            case SHIPPED -> shipped;
            case INVOICED -> invoiced;
            case COLLECTED -> collected;
        };
    }

    /** These totals with {@code amountFen} (negative for a reversal) added to the caliber. */
    public ContractTotals plus(Caliber caliber, long amountFen) {
        return switch (caliber) {
            case SIGNED -> new ContractTotals(signed + amountFen, shipped, invoiced, collected);
            case SHIPPED -> new ContractTotals(signed, shipped + amountFen, invoiced, collected);
            case INVOICED -> new ContractTotals(signed, shipped, invoiced + amountFen, collected);
            case COLLECTED -> new ContractTotals(signed, shipped, invoiced, collected + amountFen);
        };
    }
}
