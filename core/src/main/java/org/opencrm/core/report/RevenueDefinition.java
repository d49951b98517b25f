package org.opencrm.core.report;

import java.util.ArrayList;
import java.util.List;
import org.opencrm.core.config.ConfigDefinition;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.contract.FactKind;
import org.opencrm.core.error.FieldProblem;

/**
 * What each revenue caliber counts: report definition {@code revenue}, versioned in the
 * configuration store and changed only through {@link ReportDefinitions} (a change note and a
 * change ticket). Each caliber counts its own fact kind on that fact's business date (SIGNED: the
 * signed date, SHIPPED: the ship date, INVOICED: the invoice date, COLLECTED: the payment date);
 * the rule says whether its reversals (voidings, returns, credit notes, refunds) are netted or
 * excluded, and on which amount. There is nothing else: no thresholds, no status filters, so a
 * definition that excludes anything says so here, with the reason every answer repeats.
 */
public record RevenueDefinition(
        CaliberRule signed, CaliberRule shipped, CaliberRule invoiced, CaliberRule collected) {

    public static final String NAME = "revenue";

    /** Whether a caliber's reversing facts take their money back from it. */
    public enum Reversals {
        NET,
        EXCLUDED
    }

    /** Which amount a caliber adds up. */
    public enum AmountBasis {
        GROSS,
        NET_OF_TAX
    }

    /**
     * One caliber's rule.
     *
     * @param reversals NET: voidings, returns, credit notes and refunds are subtracted; EXCLUDED:
     *     they are left out, and every answer reports them with {@code exclusionReason}
     * @param basis GROSS (including tax) or NET_OF_TAX
     * @param exclusionReason why reversals are left out; required when they are
     */
    public record CaliberRule(Reversals reversals, AmountBasis basis, String exclusionReason) {

        public static final CaliberRule NETTED_GROSS =
                new CaliberRule(Reversals.NET, AmountBasis.GROSS, null);

        /** Whether facts of {@code kind} (of this rule's caliber) count. */
        public boolean counts(FactKind kind) {
            return !kind.reversal() || reversals == Reversals.NET;
        }

        /** The amount of {@code totals} this rule adds up. */
        public long amountOf(Totals totals) {
            return basis == AmountBasis.NET_OF_TAX ? totals.netOfTaxFen() : totals.amountFen();
        }
    }

    public static final ConfigDefinition<RevenueDefinition> DEFINITION =
            new ConfigDefinition<>(
                    NAME, RevenueDefinition.class, defaults(), RevenueDefinition::problems);

    /** Every caliber nets its reversals and counts amounts including tax. */
    static RevenueDefinition defaults() {
        return new RevenueDefinition(
                CaliberRule.NETTED_GROSS,
                CaliberRule.NETTED_GROSS,
                CaliberRule.NETTED_GROSS,
                CaliberRule.NETTED_GROSS);
    }

    public CaliberRule rule(Caliber caliber) {
        return switch (caliber) {
            case SIGNED -> signed;
            case SHIPPED -> shipped;
            case INVOICED -> invoiced;
            case COLLECTED -> collected;
        };
    }

    static List<FieldProblem> problems(RevenueDefinition value) {
        List<FieldProblem> problems = new ArrayList<>();
        for (Caliber caliber : Caliber.values()) {
            check(settingOf(caliber), value.rule(caliber), problems);
        }
        return problems;
    }

    private static void check(String setting, CaliberRule rule, List<FieldProblem> problems) {
        String path = ConfigDefinition.FIELD + "." + setting;
        if (rule == null) {
            problems.add(FieldProblem.of(path, "required", "must state the caliber's rule"));
            return;
        }
        if (rule.reversals() == null) {
            problems.add(
                    new FieldProblem(
                            path + ".reversals",
                            "required",
                            "must be NET or EXCLUDED",
                            List.of("NET", "EXCLUDED")));
        }
        if (rule.basis() == null) {
            problems.add(
                    new FieldProblem(
                            path + ".basis",
                            "required",
                            "must be GROSS or NET_OF_TAX",
                            List.of("GROSS", "NET_OF_TAX")));
        }
        boolean unexplained =
                rule.reversals() == Reversals.EXCLUDED
                        && (rule.exclusionReason() == null || rule.exclusionReason().isBlank());
        if (unexplained) {
            problems.add(
                    FieldProblem.of(
                            path + ".exclusionReason",
                            "required",
                            "must say why reversals are excluded: every answer reports it"));
        }
    }

    /** The setting that holds a caliber's rule: signed, shipped, invoiced, collected. */
    static String settingOf(Caliber caliber) {
        return caliber.name().toLowerCase(java.util.Locale.ROOT);
    }
}
