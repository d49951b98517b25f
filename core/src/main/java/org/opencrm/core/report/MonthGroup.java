package org.opencrm.core.report;

import java.time.YearMonth;

/** A {@link RevenueGroup} in one month: what a revenue answer adds up into its rows. */
public record MonthGroup(YearMonth month, RevenueGroup group) {}
