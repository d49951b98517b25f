package org.opencrm.core.report;

import java.time.LocalDate;

/** A {@link RevenueGroup} on one business date: the grain of the daily aggregates. */
public record DayGroup(LocalDate date, RevenueGroup group) {}
