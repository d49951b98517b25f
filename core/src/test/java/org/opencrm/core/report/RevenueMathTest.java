package org.opencrm.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencrm.core.contract.Caliber;
import org.opencrm.core.contract.FactKind;
import org.opencrm.core.report.RevenueDefinition.AmountBasis;
import org.opencrm.core.report.RevenueDefinition.CaliberRule;
import org.opencrm.core.report.RevenueDefinition.Reversals;

class RevenueMathTest {

    private static final YearMonth MARCH = YearMonth.of(2026, 3);
    private static final YearMonth APRIL = YearMonth.of(2026, 4);

    private static MonthGroup at(YearMonth month, String owner, FactKind kind) {
        return new MonthGroup(month, new RevenueGroup("east", "t1", owner, kind));
    }

    @Test
    void excludedReturns_areLeftOutOfTheRows_andReportedWithTheirReasonCountAndAmount() {
        // GIVEN shipped money with a return, under a definition that excludes returns
        CaliberRule excluding =
                new CaliberRule(Reversals.EXCLUDED, AmountBasis.GROSS, "booked by the warehouse");
        RevenueDefinition definition =
                new RevenueDefinition(
                        CaliberRule.NETTED_GROSS,
                        excluding,
                        CaliberRule.NETTED_GROSS,
                        CaliberRule.NETTED_GROSS);
        Map<Caliber, Map<MonthGroup, Totals>> aggregates =
                Map.of(
                        Caliber.SHIPPED,
                        Map.of(
                                at(MARCH, "ann", FactKind.SHIPMENT), new Totals(60_000, 6_000, 2),
                                at(MARCH, "ann", FactKind.RETURN), new Totals(-5_000, -500, 1)));

        // WHEN the report is computed by month
        RevenueReport report =
                RevenueMath.compute(
                        new ReportDefinitions.Versioned<>(7, definition),
                        List.of(Caliber.SHIPPED),
                        EnumSet.of(RevenueDimension.MONTH),
                        aggregates);

        // THEN the row holds the shipments only, and the return is reported as excluded
        assertEquals(7, report.definitionVersion());
        assertEquals(1, report.rows().size());
        assertEquals(60_000L, report.rows().get(0).amountsFen().get(Caliber.SHIPPED));
        assertEquals(1, report.excluded().size());
        RevenueReport.Exclusion exclusion = report.excluded().get(0);
        assertEquals(FactKind.RETURN, exclusion.kind());
        assertEquals(1, exclusion.count());
        assertEquals(-5_000, exclusion.amountFen());
        assertEquals(
                "SHIPPED leaves out RETURN facts: booked by the warehouse", exclusion.reason());
    }

    @Test
    void nettedVoidingsAndTheNetOfTaxBasis_addUpPerRow_andCalibersStandSideBySide() {
        // GIVEN signed money with a voiding counted net of tax, and invoices gross
        CaliberRule netOfTax = new CaliberRule(Reversals.NET, AmountBasis.NET_OF_TAX, null);
        RevenueDefinition definition =
                new RevenueDefinition(
                        netOfTax,
                        CaliberRule.NETTED_GROSS,
                        CaliberRule.NETTED_GROSS,
                        CaliberRule.NETTED_GROSS);
        Map<Caliber, Map<MonthGroup, Totals>> aggregates =
                Map.of(
                        Caliber.SIGNED,
                        Map.of(
                                at(MARCH, "ann", FactKind.SIGNING), new Totals(11_300, 1_300, 1),
                                at(APRIL, "ann", FactKind.SIGNING), new Totals(22_600, 2_600, 1),
                                at(APRIL, "ann", FactKind.VOIDING), new Totals(-11_300, -1_300, 1)),
                        Caliber.INVOICED,
                        Map.of(at(APRIL, "bob", FactKind.INVOICE), new Totals(5_000, 500, 1)));

        // WHEN the report is not grouped at all
        RevenueReport total =
                RevenueMath.compute(
                        new ReportDefinitions.Versioned<>(0, definition),
                        List.of(Caliber.SIGNED, Caliber.INVOICED),
                        EnumSet.noneOf(RevenueDimension.class),
                        aggregates);

        // THEN one row: signed net of tax 10,000 + 20,000 - 10,000; invoiced 5,000 gross
        assertEquals(1, total.rows().size());
        assertEquals(
                Map.of(Caliber.SIGNED, 20_000L, Caliber.INVOICED, 5_000L),
                total.rows().get(0).amountsFen());
        assertEquals(List.of(), total.excluded());

        // AND grouped by owner, each owner has a row with a zero for the caliber they lack
        RevenueReport byOwner =
                RevenueMath.compute(
                        new ReportDefinitions.Versioned<>(0, definition),
                        List.of(Caliber.SIGNED, Caliber.INVOICED),
                        EnumSet.of(RevenueDimension.OWNER),
                        aggregates);
        assertEquals(2, byOwner.rows().size());
        assertEquals("ann", byOwner.rows().get(0).ownerId());
        assertEquals(0L, byOwner.rows().get(0).amountsFen().get(Caliber.INVOICED));
        assertEquals(5_000L, byOwner.rows().get(1).amountsFen().get(Caliber.INVOICED));
    }
}
